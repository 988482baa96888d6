package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- The round asked (run.sh, BENCH_TOURNEE): the same whatever the hour of the run.
local tournee = os.getenv("BENCH_TOURNEE") or "Soir"
-- The same round as the tablet shows it: the HTML page, with the nurse's cookie session (args[1] is the Cookie header).
local cookie, unite
function init(args) cookie = args[1]; unite = commun.lignes(args[2] .. "/unite.txt")[1] end
function request() return wrk.format("GET", "/Medicaments/Tournee?unite=" .. unite .. "&tournee=" .. tournee, { Cookie = cookie }) end
done = commun.resume
