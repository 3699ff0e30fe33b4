#!/usr/bin/env bash
# Installs the Debian 12 packages Corridor builds and tests with.
# Only what is missing is installed; safe to run again.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  coinor-libclp-dev libcli11-dev libtomlplusplus-dev nlohmann-json3-dev
  libfmt-dev libspdlog-dev libsqlite3-dev libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev liblemon-dev
)
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
