#!/usr/bin/env bash
# Second README command (and CI's): install what is missing, then build and run the
# whole test suite twice: optimised with assertions (all labels, including slow and
# the one-shot benchmark run), and under AddressSanitizer + UndefinedBehaviorSanitizer
# (everything but the slow label).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install_deps.sh
jobs="$(nproc)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$jobs"
ctest --preset ci -j"$jobs"
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"
ctest --preset dev -j"$jobs"
