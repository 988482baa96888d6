package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- Recording a dose (POST /api/medicaments/administrations) by the unit's nurse: each request a distinct planned dose of
-- the pool (doses.txt: key, planned instant within the last 23 hours, written by `OpenDui.Bench doses`), never recorded,
-- so that every request takes the real write path (201), not the idempotent or conflict one.
-- Arguments: token, data folder, number of threads, "fin" to take the pool from its end (warm-up) instead of its start.
-- Each thread takes every n-th dose; the last line is kept for run.sh's check. An exhausted pool wraps (409 errors).
local compteur = 0
function setup(thread) thread:set("numero", compteur); compteur = compteur + 1 end
local jeton, doses, pas, depuisFin, k
function init(args)
  jeton = args[1]; pas = tonumber(args[3] or "2"); depuisFin = args[4] == "fin"; k = 0
  doses = {}
  for l in io.lines(args[2] .. "/doses.txt") do
    local cle, le = l:match("^(%S+)\t(%S+)$")
    if cle then doses[#doses + 1] = { cle, le } end
  end
  doses[#doses] = nil
  math.randomseed(os.time() + numero * 7919)
end
local function guid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx", "x", function() return string.format("%x", math.random(0, 15)) end))
end
function request()
  local i = (numero + k * pas) % #doses
  if depuisFin then i = #doses - 1 - i end
  k = k + 1
  local d = doses[i + 1]
  local corps = string.format('{"cleDose":"%s","statut":"Donnee","le":"%s","cleIdempotence":"%s"}', d[1], d[2], guid())
  return wrk.format("POST", "/api/medicaments/administrations", { Authorization = "Bearer " .. jeton, ["Content-Type"] = "application/json" }, corps)
end
done = commun.resume
