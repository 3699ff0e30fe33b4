#!/usr/bin/env bash
# Load benchmark of `corridor serve` on loopback (bench/README.md, "HTTP API"):
#   1. requests per second and latency (p50, p99) of a cached result (GET result.json
#      of a finished run) and of /v1/health, with wrk;
#   2. the same while 2 solve jobs (with price ranging) run on the server's 2 workers,
#      and the wall time of those jobs.
# Usage: bench/api_load.sh [CORRIDOR_BINARY] [SECONDS]   (needs wrk and curl)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/apps/corridor/corridor}"
secs="${2:-10}"
command -v wrk >/dev/null || { echo "api_load: wrk not found (apt install wrk)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

"$bin" -q serve --db "$tmp/bench.db" --port 0 --web web/dist --import data/china-russia-2022 \
  >"$tmp/out" 2>"$tmp/err" &
pid=$!
for _ in $(seq 600); do
  grep -q "listening on" "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
base="$(grep -o 'http://[0-9.]*:[0-9]*' "$tmp/out")"
[ -n "$base" ] || { echo "api_load: server did not start" >&2; cat "$tmp/err" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
start_run() {
  curl -sf -H 'Content-Type: application/json' -d "$1" "$base/v1/runs" | json "['id']"
}
wait_run() {
  while :; do
    status="$(curl -sf "$base/v1/runs/$1" | json "['status']")"
    [ "$status" = queued ] || [ "$status" = running ] || { echo "$status"; return; }
    sleep 0.2
  done
}
load() {  # label url
  wrk -t2 -c16 -d"${secs}s" --latency "$2" >"$tmp/wrk" 2>&1
  rps="$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk")"
  p50="$(awk '$1=="50%" {print $2}' "$tmp/wrk")"
  p99="$(awk '$1=="99%" {print $2}' "$tmp/wrk")"
  errs="$(awk '/Non-2xx|Socket errors/ {print}' "$tmp/wrk" | tr '\n' ' ')"
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "${errs:-none}"
}

run="$(start_run '{"kind":"solve","dataset_id":1,"options":{"ranging":0}}')"
[ "$(wait_run "$run")" = finished ] || { echo "api_load: baseline run failed" >&2; exit 1; }
size="$(curl -sf "$base/v1/runs/$run/result" | wc -c)"

echo "machine: $(nproc) cores, $(uname -m); wrk -t2 -c16 -d${secs}s on loopback; result.json ${size} bytes"
echo
echo "| load | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
load "GET /v1/health, idle server" "$base/v1/health"
load "GET /v1/runs/$run/result (cached), idle server" "$base/v1/runs/$run/result"

t0="$(date +%s.%N)"
a="$(start_run '{"kind":"solve","dataset_id":1,"options":{"ranging":10}}')"
b="$(start_run '{"kind":"solve","dataset_id":1,"scenario_id":1,"options":{"ranging":10}}')"
load "GET /v1/runs/$run/result (cached), 2 solve jobs running" "$base/v1/runs/$run/result"
sa="$(wait_run "$a")"; sb="$(wait_run "$b")"
t1="$(date +%s.%N)"
echo
printf '2 solve jobs (ranging 10): %s and %s, both done %.1f s after submission\n' "$sa" "$sb" \
  "$(echo "$t1 - $t0" | bc)"
for r in "$a" "$b"; do
  curl -sf "$base/v1/runs/$r" | json "['wall_seconds']" | xargs printf '  run %s wall %.2f s\n' "$r"
done
