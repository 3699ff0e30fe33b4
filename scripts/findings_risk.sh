#!/usr/bin/env bash
# Regenerates docs/findings-risk.md: the built-in risk model drawn on the China-Russia
# dataset, with the measures compared on the same draws (the file is never edited by
# hand). Run from the repository root after building (scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${CORRIDOR_BIN:-./build/release/apps/corridor/corridor}"
d=data/china-russia-2022
s=$d/scenarios
exec "$bin" risk $d --risk $d/risk.toml --draws 300 --threads 2 \
  --measure $s/bridges-open.toml \
  --measure $s/kazakhstan-transit.toml \
  --measure $s/maritime-restored.toml \
  --measure $s/eastern-polygon-180.toml \
  --out out/findings-risk --findings docs/findings-risk.md
