#!/usr/bin/env bash
# Before/after table of Algorithm B on the TNTP instances (bench/README.md, "Assignment"):
# runs two assignment_bench binaries interleaved (network by network, repeat by repeat,
# so both see the same load), one process per network and binary (so that the peak
# resident memory is that network's), and prints the medians as a Markdown table.
#
#   bench/assignment_compare.sh BEFORE_BINARY AFTER_BINARY [REPEATS=3] [OUT_DIR]
#
# Columns: median wall time of Solve (ms) to each gap, 1 and 2 threads; CPU time of the
# process during the solve; peak resident memory during the solve (MiB, VmHWM reset
# after the instance is loaded, so the instance's own memory is included but the file
# reading's transient peak is not) and, of it, the part resident before the solve.
# Needs python3 for the medians.
set -euo pipefail
before=${1:?before binary}
after=${2:?after binary}
repeats=${3:-3}
out=${4:-$(mktemp -d)}
mkdir -p "$out"
networks=(SiouxFalls EasternMassachusetts BerlinFriedrichshain Anaheim ChicagoSketch)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq 1 "$repeats"); do
  for net in "${networks[@]}"; do
    for side in before after; do
      bin=$before
      [[ $side == after ]] && bin=$after
      "$bin" --benchmark_filter="^AlgorithmB/$net/" --benchmark_format=json \
        >"$out/$side.$net.$r.json" 2>/dev/null
    done
  done
  echo "repeat $r done, load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
python3 - "$out" "$repeats" <<'EOF'
import json, statistics, sys
out, repeats = sys.argv[1], int(sys.argv[2])
nets = ["SiouxFalls", "EasternMassachusetts", "BerlinFriedrichshain", "Anaheim", "ChicagoSketch"]
gaps = ["1e-4", "1e-8", "1e-12"]
def load(side, net):
    rows = {}
    for r in range(1, repeats + 1):
        for b in json.load(open(f"{out}/{side}.{net}.{r}.json"))["benchmarks"]:
            rows.setdefault(b["name"].split("/iterations:")[0], []).append(b)
    return rows
def med(xs): return statistics.median(xs)
print("| network | gap | threads | before wall ms | after wall ms | ratio | before CPU ms | after CPU ms | ratio | iterations before / after | solve peak RSS MiB before / after (instance) |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for net in nets:
    b, a = load("before", net), load("after", net)
    for g in gaps:
        for t in (1, 2):
            key = f"AlgorithmB/{net}/gap:{g}/threads:{t}"
            if key not in b or key not in a: continue
            bw, aw = med([x["real_time"] for x in b[key]]), med([x["real_time"] for x in a[key]])
            bc, ac = med([x["cpu_time"] for x in b[key]]), med([x["cpu_time"] for x in a[key]])
            bi, ai = int(b[key][0]["iterations"]), int(a[key][0]["iterations"])
            bm, am = med([x["solve_peak_rss_MiB"] for x in b[key]]), med([x["solve_peak_rss_MiB"] for x in a[key]])
            base = med([x["rss_before_solve_MiB"] for x in a[key]])
            conv = "" if all(x["converged"] for x in a[key]) else " (not converged)"
            print(f"| {net} | {g} | {t} | {bw:.1f} | {aw:.1f} | {bw/aw:.2f}x | {bc:.1f} | {ac:.1f} | {bc/ac:.2f}x | {bi} / {ai}{conv} | {bm:.1f} / {am:.1f} ({base:.1f}) |")
EOF
