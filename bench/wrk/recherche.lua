package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
local jeton, prefixes
function init(args) jeton = args[1]; prefixes = commun.lignes(args[2] .. "/prefixes.txt"); math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
function request()
  return wrk.format("GET", "/api/usagers?inclureSortis=true&nom=" .. prefixes[math.random(#prefixes)]:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end), { Authorization = "Bearer " .. jeton })
end
done = commun.resume
