#!/usr/bin/env bash
# Load benchmark of `corridor serve` on loopback (bench/README.md, "HTTP API"):
#   1. requests per second and latency (p50, p99) of /v1/health (no credential checked)
#      and of a cached result (GET result.json of a finished run) with the start token,
#      with bench's own load generator (http_load: 16 keep-alive connections, 2 threads);
#   2. the same while 2 solve jobs (with price ranging) run on the server's 2 workers,
#      and the wall time of those jobs;
#   3. a second server with accounts (--auth accounts): the cached result with an API
#      token (a hash and a store lookup per request) and with a session cookie.
# Usage: bench/api_load.sh [BUILD_DIR] [SECONDS]   (needs curl; BUILD_DIR default build/ci)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/ci}"
secs="${2:-10}"
bin="$build/apps/corridor/corridor"
loader="$build/bench/http_load"
[ -x "$loader" ] || { echo "api_load: $loader not built (cmake --build $build --target http_load)" >&2; exit 2; }
tmp="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$tmp"' EXIT

serve() {  # out-file args...: starts a server, sets base (and token for local-token)
  local out="$1"; shift
  "$bin" -q serve --port 0 --web web/dist --import data/china-russia-2022 "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 600); do
    [ "$(grep -c 'corridor serve:' "$out" 2>/dev/null)" -ge 2 ] && break
    sleep 0.1
  done
  base="$(grep -o 'http://[0-9.]*:[0-9]*' "$out" | head -1)"
  [ -n "$base" ] || { echo "api_load: server did not start" >&2; cat "$out.err" >&2; exit 1; }
  port="${base##*:}"
}

serve "$tmp/out" --db "$tmp/bench.db"
token="$(grep -o 'token=[0-9a-f]*' "$tmp/out" | cut -d= -f2)"
auth=(-H "Authorization: Bearer $token")

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
start_run() {
  curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "$1" "$base/v1/runs" | json "['id']"
}
wait_run() {
  while :; do
    status="$(curl -sf "${auth[@]}" "$base/v1/runs/$1" | json "['status']")"
    [ "$status" = queued ] || [ "$status" = running ] || { echo "$status"; return; }
    sleep 0.2
  done
}
load() {  # label target [header]
  local args=("$port" "$2" --connections 16 --threads 2 --seconds "$secs")
  [ $# -ge 3 ] && args+=(--header "$3")
  "$loader" "${args[@]}" >"$tmp/load" 2>&1 || true
  read -r _ _ _ rps _ p50 _ p99 _ non2xx _ errs <"$tmp/load"
  printf '| %s | %s | %s ms | %s ms | %s non-2xx, %s errors |\n' "$1" "$rps" "$p50" "$p99" "$non2xx" "$errs"
}

run="$(start_run '{"kind":"solve","dataset_id":1,"options":{"ranging":0}}')"
[ "$(wait_run "$run")" = finished ] || { echo "api_load: baseline run failed" >&2; exit 1; }
size="$(curl -sf "${auth[@]}" "$base/v1/runs/$run/result" | wc -c)"

echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); http_load 16 connections, 2 threads, ${secs} s on loopback; result.json ${size} bytes"
echo
echo "| load | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
load "GET /v1/health (no credential checked), idle server" "/v1/health"
load "GET /v1/runs/$run/result (cached), start token, idle server" "/v1/runs/$run/result" "Authorization: Bearer $token"

t0="$(date +%s.%N)"
a="$(start_run '{"kind":"solve","dataset_id":1,"options":{"ranging":10}}')"
b="$(start_run '{"kind":"solve","dataset_id":1,"scenario_id":1,"options":{"ranging":10}}')"
load "GET /v1/runs/$run/result (cached), start token, 2 solve jobs running" "/v1/runs/$run/result" "Authorization: Bearer $token"
sa="$(wait_run "$a")"; sb="$(wait_run "$b")"
t1="$(date +%s.%N)"
echo
printf '2 solve jobs (ranging 10): %s and %s, both done %.1f s after submission\n' "$sa" "$sb" \
  "$(echo "$t1 - $t0" | bc)"
for r in "$a" "$b"; do
  curl -sf "${auth[@]}" "$base/v1/runs/$r" | json "['wall_seconds']" | xargs printf '  run %s wall %.2f s\n' "$r"
done

# Accounts: an API token and a session, each checked against the store per request.
printf '%s\n' 'bench-password-0123' | "$bin" users add bench --role planner --db "$tmp/team.db" >/dev/null
api_token="$(printf '' | "$bin" users token bench --label bench --db "$tmp/team.db" 2>/dev/null)"
serve "$tmp/out2" --db "$tmp/team.db" --auth accounts
auth=(-H "Authorization: Bearer $api_token")
run="$(start_run '{"kind":"solve","dataset_id":1,"options":{"ranging":0}}')"
[ "$(wait_run "$run")" = finished ] || { echo "api_load: accounts run failed" >&2; exit 1; }
cookie="$(curl -si -H 'Content-Type: application/json' -d '{"user":"bench","password":"bench-password-0123"}' \
  "$base/v1/login" | grep -i '^set-cookie:' | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')"
echo
echo "| accounts server | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
load "GET /v1/health (no credential checked)" "/v1/health"
load "GET /v1/runs/$run/result (cached), API token" "/v1/runs/$run/result" "Authorization: Bearer $api_token"
load "GET /v1/runs/$run/result (cached), session cookie" "/v1/runs/$run/result" "Cookie: $cookie"
