package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- "Ma journée" of the nurse of the 40-resident unit (token of the account "infirmier").
local jeton
function init(args) jeton = args[1] end
function request() return wrk.format("GET", "/api/journee", { Authorization = "Bearer " .. jeton }) end
done = commun.resume
