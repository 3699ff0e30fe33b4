#!/usr/bin/env bash
# Second README command (and CI's): install what is missing, then build and run the
# whole test suite twice: optimised with assertions (all labels, including slow and
# the one-shot benchmark run and the browser end-to-end test of the web page), and
# under AddressSanitizer + UndefinedBehaviorSanitizer (everything but the slow, e2e and
# crash labels: the 200-kill crash tests run once, optimised).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install_deps.sh
jobs="$(nproc)"
./scripts/build_web.sh
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$jobs"
ctest --preset ci -j"$jobs"
cmake --preset dev >/dev/null
cmake --build --preset dev -j"$jobs"
ctest --preset dev -j"$jobs"
