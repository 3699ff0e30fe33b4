#!/usr/bin/env bash
# The same M/M/c queue in SimPy (Debian's python3-simpy, SimPy 2 API) and in
# `corridor simulate --mmc`, side by side: wall time of each (the whole program), mean
# wait in queue of each beside Erlang C, and the speed ratio per simulated customer
# (CPU times: SimPy's loop timed inside Python with process_time; corridor's whole
# program, start-up and summary included, by /usr/bin/time).
#
#   bench/sim_vs_simpy.sh [CORRIDOR_BINARY] [LAMBDA MU C DAYS [REPLICATIONS]]
# (Debian's /usr/bin/python3: python3-simpy installs there)
set -euo pipefail
corridor=${1:-build/release/apps/corridor/corridor}
lambda=${2:-4.5}; mu=${3:-1}; c=${4:-5}; days=${5:-3650}
reps=${6:-10}  # corridor's replications: enough work that its start-up is negligible

simpy_out=$(/usr/bin/python3 - "$lambda" "$mu" "$c" "$days" <<'PY'
import random, sys, time
from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate
lam, mu, c, days = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
waits = []
class Customer(Process):
    def visit(self, res):
        arrived = now()
        yield request, self, res
        waits.append(now() - arrived)
        yield hold, self, random.expovariate(mu)
        yield release, self, res
class Source(Process):
    def generate(self, res):
        while True:
            yield hold, self, random.expovariate(lam)
            customer = Customer()
            activate(customer, customer.visit(res))
random.seed(1)
t0 = time.process_time()
initialize()
res = Resource(capacity=c)
src = Source()
activate(src, src.generate(res))
simulate(until=24.0 * days)
wall = time.process_time() - t0
print(f"{wall:.3f} {len(waits)} {sum(waits) / len(waits):.4f}")
PY
)
read -r simpy_s simpy_n simpy_wait <<<"$simpy_out"

cpu_file=$(mktemp)
corridor_out=$(/usr/bin/time -o "$cpu_file" -f "%U %S" "$corridor" simulate --mmc "$lambda,$mu,$c" --days "$days" --replications "$reps" --seed 1)
read -r user_s sys_s <"$cpu_file"
rm -f "$cpu_file"
corridor_s=$(echo "$user_s + $sys_s" | bc -l)
corridor_wait=$(sed -n 's/^simulated mean wait in queue: \([0-9.]*\) h.*/\1/p' <<<"$corridor_out")
sim_s=$(sed -n 's/.* events in \([0-9.]*\) s$/\1/p' <<<"$corridor_out")
erlang=$(sed -n 's/^Erlang C mean wait in queue: *\([0-9.]*\) h.*/\1/p' <<<"$corridor_out")
# corridor simulates a warm-up of min(30, days/10) days more than SimPy: compare per customer.
warm=$(echo "if ($days / 10 < 30) $days / 10 else 30" | bc -l)
corridor_n=$(echo "$reps * $lambda * 24 * ($days + $warm)" | bc -l)

printf 'M/M/%s lambda %s /h, mu %s /h, %s days (SimPy one run, corridor %s replications)\n' "$c" "$lambda" "$mu" "$days" "$reps"
printf '  SimPy %-8s %8.3f s CPU simulating, %8d customers, mean wait %s h\n' "$(/usr/bin/python3 -c 'import SimPy; print(SimPy.__version__)' 2>/dev/null || echo 2)" "$simpy_s" "$simpy_n" "$simpy_wait"
printf '  corridor       %8.3f s CPU whole program (%.3f s wall simulating), %8.0f customers, mean wait %s h (Erlang C %s h)\n' "$corridor_s" "$sim_s" "$corridor_n" "$corridor_wait" "$erlang"
whole=$(echo "($simpy_s / $simpy_n) / ($corridor_s / $corridor_n)" | bc -l)
printf '  corridor is %.0fx faster per simulated customer (CPU; its whole program, start-up and summary included)\n' "$whole"
