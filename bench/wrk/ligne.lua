package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
local jeton, essms
function init(args) jeton = args[1]; essms = commun.lignes(args[2] .. "/essms.txt")[1] end
function request() return wrk.format("GET", "/api/bench/ligne?id=" .. essms, { Authorization = "Bearer " .. jeton }) end
done = commun.resume
