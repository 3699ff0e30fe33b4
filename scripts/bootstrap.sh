#!/usr/bin/env bash
# First README command: install what is missing, build in release mode, and run the
# main job: solve the default dataset's baseline, print the summary and write the
# full results to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install_deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
./scripts/build_web.sh
dataset="${1:-$(cat scripts/default_dataset)}"
exec ./build/release/apps/corridor/corridor solve "$dataset" --out out/baseline
