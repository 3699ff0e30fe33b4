#!/usr/bin/env bash
# Regenerates docs/findings.md from the built-in China–Russia dataset (the file is never
# edited by hand). Run from the repository root after building (scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CORRIDOR_BIN:-./build/release/apps/corridor/corridor}
s=data/china-russia-2022/scenarios
exec "$bin" findings data/china-russia-2022 \
  --baseline "$s/baseline-2022.toml" \
  --measure "$s/bridges-open.toml" \
  --measure "$s/aeo-30.toml" \
  --measure "$s/aeo-50.toml" \
  --measure "$s/eastern-polygon-158.toml" \
  --measure "$s/eastern-polygon-180.toml" \
  --measure "$s/kazakhstan-transit.toml" \
  --measure "$s/maritime-restored.toml" \
  --combined "$s/all-measures.toml" \
  --stress "$s/2021-epidemic.toml" \
  --stress "$s/target-without-measures.toml" \
  --stress "$s/target-with-measures.toml" \
  --plan-projects data/china-russia-2022/projects.csv \
  --plan-scenario "$s/target-200bn.toml" \
  --plan-budget 1e9 \
  --settle "$s/baseline-2022.toml" \
  --settle "$s/target-200bn.toml" \
  --out docs/findings.md
