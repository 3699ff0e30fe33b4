#!/usr/bin/env bash
# Installs the Debian 12 packages Corridor builds and tests with.
# Only what is missing is installed; safe to run again.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  coinor-libclp-dev coinor-libcbc-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libfmt-dev libspdlog-dev libsqlite3-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev liblemon-dev libopenmpi-dev openmpi-bin
  chromium python3-simpy
  libsodium-dev libpqxx-dev libpq-dev postgresql help2man
)
# The web page is built with Node.js and npm; a machine that has them (any source)
# keeps its own, otherwise Debian's are installed.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install_deps: all packages present" >&2
  exit 0
fi
echo "install_deps: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
