#!/usr/bin/env bash
# Builds the web app (clients/web) into clients/web/dist, which mead serves
# with --web-root: installs the npm packages exactly as pinned in
# package-lock.json (npm ci, only when node_modules is missing or older than
# the lockfile), type-checks the TypeScript and bundles it with esbuild.
# Skips with a message when Node.js >= 20 and npm are not installed.
set -euo pipefail
cd "$(dirname "$0")/../clients/web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build-web: npm not found; skipping the web app (needs Node.js >= 20 and npm)"
  exit 0
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  echo "build-web: Node.js $(node --version) is too old; skipping the web app (needs >= 20)"
  exit 0
fi

if [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
