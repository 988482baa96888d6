-- Shared by the three scenarios: bearer token and inputs come as script arguments; percentiles at the end.
local M = {}

function M.lignes(fichier)
  local t = {}
  for l in io.lines(fichier) do if #l > 0 then t[#t + 1] = l end end
  return t
end

function M.resume(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format("RESULTAT requetes=%d erreurs_http=%d erreurs_socket=%d req_s=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

return M
