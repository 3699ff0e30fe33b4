#!/usr/bin/env bash
# Builds the web page (web/ -> web/dist) that `corridor serve` serves. Installs the npm
# packages pinned by web/package-lock.json first when they are missing or older than
# the lock file. Needs network access to the npm registry the first time only.
set -euo pipefail
cd "$(dirname "$0")/../web"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
