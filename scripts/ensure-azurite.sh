#!/usr/bin/env bash
# Installs the pinned Azurite from package-lock.json when node_modules lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/azurite/dist/src/table/main.js ]; then
  command -v npm >/dev/null || { echo "npm is required (Node.js 20+): apt-get install nodejs npm" >&2; exit 1; }
  echo "Installing Azurite from package-lock.json..."
  npm ci --no-audit --no-fund --loglevel=error
fi
