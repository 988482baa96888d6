package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- The first page of the chronology of a resident with ten years of daily transmissions, read by the unit's nurse.
local jeton, residents
function init(args) jeton = args[1]; residents = commun.lignes(args[2] .. "/residents.txt"); math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
function request()
  return wrk.format("GET", "/api/usagers/" .. residents[math.random(#residents)] .. "/chronologie", { Authorization = "Bearer " .. jeton })
end
done = commun.resume
