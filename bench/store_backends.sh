#!/bin/bash
# Runs per second of store_crash_child's work loop (create, start, 3 progress updates,
# then finish with 100-400 KB of artifacts, or end) on a SQLite file and on a
# throw-away PostgreSQL cluster on a Unix socket (fsync on), alternately, ROUNDS times
# SECONDS each. Usage: bench/store_backends.sh BUILD_DIR [SECONDS] [ROUNDS]
set -euo pipefail
build=${1:?usage: store_backends.sh BUILD_DIR [SECONDS] [ROUNDS]}
seconds=${2:-10}
rounds=${3:-2}
child=$build/src/store/store_crash_child
bindir=${CORRIDOR_PG_BINDIR:-/usr/lib/postgresql/15/bin}
dir=$(mktemp -d /tmp/corridor_store_bench_XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; as_pg=(runuser -u postgres --); fi
stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -w stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
  --no-sync >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=on" start >/dev/null
"$bindir/createdb" -h "$dir" -U postgres bench
count() {  # store location -> runs finished or ended in $seconds
  timeout -s KILL "$seconds" "$child" "$1" 1 >"$dir/out" 2>/dev/null || true
  grep -cE '^(finished|ended) ' "$dir/out"
}
for ((i = 1; i <= rounds; ++i)); do
  rm -f "$dir"/bench.db*
  sqlite=$(count "$dir/bench.db")
  pg=$(count "postgresql://postgres@/bench?host=$dir")
  echo "round $i: sqlite $sqlite runs, postgresql $pg runs in ${seconds} s;" \
    "ratio $(awk "BEGIN{printf \"%.1f\", $sqlite/($pg>0?$pg:1)}")"
done
