package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
local jeton, dossiers
function init(args) jeton = args[1]; dossiers = commun.lignes(args[2] .. "/dossiers.txt"); math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
function request()
  return wrk.format("GET", "/api/usagers/" .. dossiers[math.random(#dossiers)], { Authorization = "Bearer " .. jeton })
end
done = commun.resume
