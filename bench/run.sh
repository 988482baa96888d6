#!/usr/bin/env bash
# Measures the search of a usager by name and the opening of a record, on SQLite and on PostgreSQL, with wrk
# (32 connections, 2 threads, 30 s after a 5 s warm-up), against a generated organisation of 40 ESSMS and
# 50,000 usagers, and a minimal endpoint doing a single-row query in the same run.
# Usage: bash bench/run.sh [sqlite|postgres|all]   (loopback only; stops by itself)
set -euo pipefail
cd "$(dirname "$0")/.."
cible=${1:-all}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dotnet build bench/OpenDui.Bench -c Release -v q -nologo >/dev/null
bin=(dotnet bench/OpenDui.Bench/bin/Release/net10.0/OpenDui.Bench.dll)
port=5099
date_jour=$(date -u +%Y-%m-%d)
mkdir -p bench/results

mesurer() {
  local fournisseur=$1; shift
  local reglages=("$@")
  local dossier=/tmp/opendui-bench-$fournisseur
  mkdir -p "$dossier"
  echo "== $fournisseur: génération"
  "${bin[@]}" generate "$dossier/donnees" "${reglages[@]}"
  "${bin[@]}" serve --urls "http://127.0.0.1:$port" "${reglages[@]}" > "$dossier/serveur.log" 2>&1 &
  local pid=$!
  trap "kill $pid 2>/dev/null || true" RETURN
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
  local code jeton
  code=$("${bin[@]}" token "$dossier/donnees" direction)
  jeton=$(curl -sf -X POST "http://127.0.0.1:$port/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"login\":\"direction@bench.invalid\",\"motDePasse\":\"Banc-d-essai-OpenDui-1\",\"codeTotp\":\"$code\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
  local sortie="bench/results/$date_jour-$fournisseur.txt"
  {
    echo "# $fournisseur, $(nproc) cœurs, $(free -g | awk '/Mem:/ {print $2}') Gio, $(date -u +%FT%TZ)"
    echo "# jeu : $(cat "$dossier/donnees/"*.txt | wc -l) lignes d'entrée ; appelant : direction habilitée dans 10 ESSMS sur 40"
  } > "$sortie"
  # Each scenario must answer 200 with the token, or the figures would measure refusals.
  local essms dossier1 prefixe1
  essms=$(cat "$dossier/donnees/essms.txt"); dossier1=$(head -n 1 "$dossier/donnees/dossiers.txt"); prefixe1=$(head -n 1 "$dossier/donnees/prefixes.txt")
  for url in "/api/bench/ligne?id=$essms" "/api/usagers?inclureSortis=true&nom=$prefixe1" "/api/usagers/$dossier1"; do
    statut=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $jeton" "http://127.0.0.1:$port$url")
    [[ $statut == 200 ]] || { echo "!! $url répond $statut" >&2; return 1; }
  done
  for op in ligne recherche dossier; do
    wrk -t2 -c32 -d5s -s "bench/wrk/$op.lua" "http://127.0.0.1:$port" -- "$jeton" "$dossier/donnees" > /dev/null
    echo "## $op" >> "$sortie"
    wrk -t2 -c32 -d30s --latency -s "bench/wrk/$op.lua" "http://127.0.0.1:$port" -- "$jeton" "$dossier/donnees" | tee -a "$sortie" | grep RESULTAT
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "== résultats : $sortie"
}

if [[ $cible == sqlite || $cible == all ]]; then
  mesurer sqlite --Database:Provider=Sqlite "--ConnectionStrings:OpenDui=Data Source=/tmp/opendui-bench-sqlite/bench.db"
fi
if [[ $cible == postgres || $cible == all ]]; then
  v=$(ls /etc/postgresql | sort -n | tail -n 1)
  pg_ctlcluster "$v" main status >/dev/null 2>&1 || pg_ctlcluster "$v" main start
  su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='opendui_bench'\"" | grep -q 1 \
    || su postgres -c "psql -q -c \"CREATE ROLE opendui_bench LOGIN CREATEDB PASSWORD 'opendui_bench'\""
  mesurer postgres --Database:Provider=Postgres "--ConnectionStrings:OpenDui=Host=127.0.0.1;Database=opendui_bench;Username=opendui_bench;Password=opendui_bench;Maximum Pool Size=64"
fi
