package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- The medication round of the 40-resident unit, current round of the day, read by the unit's nurse (JSON API, bearer token).
local jeton, unite
function init(args) jeton = args[1]; unite = commun.lignes(args[2] .. "/unite.txt")[1] end
function request() return wrk.format("GET", "/api/unites/" .. unite .. "/tournee-medicaments", { Authorization = "Bearer " .. jeton }) end
done = commun.resume
