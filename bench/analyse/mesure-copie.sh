#!/usr/bin/env bash
# usage: VAR=.. mesure2.sh <label> <sqlite|postgres> <op...>   (copy of the generated data, port 5199, 15 s per op)
set -u
label=$1; prov=$2; shift 2
cd ${ICI:-/tmp/helper-analyse}
B=/tmp/copie-art/bin/OpenDui.Bench/release/OpenDui.Bench.dll
if [ $prov = sqlite ]; then
  cp snap/bench.db ./copie.db; rm -f copie.db-wal copie.db-shm; d=snap/donnees
  reg=(--Database:Provider=Sqlite "--ConnectionStrings:OpenDui=Data Source=${ICI:-/tmp/helper-analyse}/copie.db")
else
  d=snap-pg
  reg=(--Database:Provider=Postgres "--ConnectionStrings:OpenDui=Host=127.0.0.1;Database=helper_copie;Username=opendui_bench;Password=opendui_bench;Maximum Pool Size=64${PGEXTRA:-}")
fi
dotnet $B serve --urls http://127.0.0.1:5199 "${reg[@]}" --Logging:LogLevel:Default=Warning > serve-$label.log 2>&1 &
pid=$!
for i in $(seq 1 60); do curl -sf http://127.0.0.1:5199/health >/dev/null && break; sleep 1; done
s=$(( 31 - $(date +%s) % 30 )); sleep $s
code=$(dotnet $B token $d direction)
J=$(curl -sf -X POST http://127.0.0.1:5199/api/auth/token -H 'Content-Type: application/json' -d "{\"login\":\"direction@bench.invalid\",\"motDePasse\":\"Banc-d-essai-OpenDui-1\",\"codeTotp\":\"$code\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
W=/work/main/bench/wrk
for op in "$@"; do
  wrk -t2 -c32 -d3s -s $W/$op.lua http://127.0.0.1:5199 -- "$J" $d >/dev/null
  echo "$label $prov $op c=32: $(wrk -t2 -c32 -d15s --latency -s $W/$op.lua http://127.0.0.1:5199 -- "$J" $d | grep RESULTAT)"
done
kill $pid; wait $pid 2>/dev/null
