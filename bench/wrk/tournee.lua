package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- The round asked (run.sh, BENCH_TOURNEE): the same whatever the hour of the run.
local tournee = os.getenv("BENCH_TOURNEE") or "Soir"
-- The medication round of the 40-resident unit, the evening round of the day (BENCH_TOURNEE), read by the unit's nurse (JSON API, bearer token).
local jeton, unite
function init(args) jeton = args[1]; unite = commun.lignes(args[2] .. "/unite.txt")[1] end
function request() return wrk.format("GET", "/api/unites/" .. unite .. "/tournee-medicaments?tournee=" .. tournee, { Authorization = "Bearer " .. jeton }) end
done = commun.resume
