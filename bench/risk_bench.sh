#!/usr/bin/env bash
# Draws per second of `corridor risk` on the China-Russia dataset, side by side in one
# run: warm-started vs cold re-solves, 1 vs 2 threads, 1 vs 2 MPI ranks, and the
# wall time of 10,000 draws (bench/README.md, "Risk").
#   bench/risk_bench.sh [CORRIDOR_BINARY] [DRAWS_FOR_THE_10K_LINE]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/release/apps/corridor/corridor}"
big="${2:-10000}"
data=data/china-russia-2022
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Each line is one whole run (base solve included) and its wall time; the LP time per
# draw is the run's own figure.
run() {  # name draws [launcher...] -- [risk flags...]
  local name="$1" draws="$2"
  shift 2
  local launcher=()
  while [ "$1" != "--" ]; do launcher+=("$1"); shift; done
  shift
  local start end
  start=$(date +%s.%N)
  "${launcher[@]}" "$bin" -q risk "$data" --risk "$data/risk.toml" --draws "$draws" \
    --check-draws 0 --out "$tmp/$name" "$@" > "$tmp/$name.txt"
  end=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
  local per
  per=$(grep -o '[0-9.]* ms per draw' "$tmp/$name.txt" | cut -d' ' -f1)
  printf '%-28s %7d draws %8.1f s  %7.2f draws/s  (%s ms LP per draw)\n' "$name" "$draws" \
    "$secs" "$(awk -v d="$draws" -v s="$secs" 'BEGIN { print d / s }')" "$per"
  echo "$secs" > "$tmp/$name.secs"
}
ratio() {  # draws/s of run $1 (with $3 draws) over run $2 (with $4 draws)
  awk -v a="$(cat "$tmp/$1.secs")" -v b="$(cat "$tmp/$2.secs")" -v na="$3" -v nb="$4" \
    'BEGIN { printf "%.2f", (na / a) / (nb / b) }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load $(cut -d' ' -f1-3 /proc/loadavg)"
run warm-1-thread 400 --
run cold-1-thread 40 -- --cold
run warm-2-threads 400 -- --threads 2
if command -v mpirun >/dev/null; then
  run warm-2-mpi-ranks 400 mpirun -np 2 --oversubscribe --allow-run-as-root --
fi
echo "warm / cold speed-up (draws/s): $(ratio warm-1-thread cold-1-thread 400 40)x"
echo "2 threads / 1 thread: $(ratio warm-2-threads warm-1-thread 400 400)x"
if [ -f "$tmp/warm-2-mpi-ranks.secs" ]; then
  echo "2 MPI ranks / 1 process: $(ratio warm-2-mpi-ranks warm-1-thread 400 400)x"
fi
run "big-2-threads" "$big" -- --threads 2
