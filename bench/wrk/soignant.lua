package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local commun = require("commun")
-- A nurse giving the round while the other tablets refresh it (run beside `tournee.lua`): each connection reads the round
-- of the unit once, then records its doses not yet recorded ("Donnee", now), one every `intervalle` ms, each a real write
-- that moves the unit's mark in LecturesEnMemoire. Arguments: token, data folder, interval in ms (default 1000), number of
-- threads n (default 1): thread i takes the doses i, i + n, ...; run it with one connection per thread (-t n -c n).
local compteur = 0
function setup(thread) thread:set("numero", compteur); compteur = compteur + 1 end
local jeton, unite, intervalle, pas, cles, k, lue
function init(args)
  jeton = args[1]; unite = commun.lignes(args[2] .. "/unite.txt")[1]; intervalle = tonumber(args[3] or "1000"); pas = tonumber(args[4] or "1")
  cles = {}; k = 0; lue = false
  math.randomseed(os.time() + numero * 7919)
end
local function guid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx", "x", function() return string.format("%x", math.random(0, 15)) end))
end
function request()
  if not lue or #cles == 0 then
    return wrk.format("GET", "/api/unites/" .. unite .. "/tournee-medicaments", { Authorization = "Bearer " .. jeton })
  end
  k = k + 1
  local cle = cles[((k - 1) % #cles) + 1]
  local corps = string.format('{"cleDose":"%s","statut":"Donnee","cleIdempotence":"%s"}', cle, guid())
  return wrk.format("POST", "/api/medicaments/administrations", { Authorization = "Bearer " .. jeton, ["Content-Type"] = "application/json" }, corps)
end
function response(status, headers, body)
  if lue then return end
  lue = true
  -- Each dose not yet recorded: its key, its fields and its decision {…}, then "enregistrement":null.
  local i = 0
  for cle in body:gmatch('"cle":"([^"]+)"[^{}]*{[^{}]*}[^{}]*"enregistrement":null') do
    if i % pas == numero then cles[#cles + 1] = cle end
    i = i + 1
  end
end
function delay() return lue and intervalle or 0 end
done = commun.resume
