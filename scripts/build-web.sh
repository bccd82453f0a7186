#!/usr/bin/env bash
# Builds the web app (clients/web) into clients/web/dist, which mead serves
# with --web_root: installs the npm packages exactly as pinned in
# package-lock.json (npm ci, only when node_modules is missing or older than
# the lockfile), type-checks the TypeScript and bundles it with esbuild.
# Needs Node.js >= 18 and npm (Debian 12's nodejs and npm, which
# scripts/setup.sh installs); fails without them.
set -euo pipefail
cd "$(dirname "$0")/../clients/web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "build-web: FAILED: node or npm not found; the web app needs" \
    "Node.js >= 18 and npm (scripts/setup.sh installs Debian's nodejs and npm)" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 18)); then
  echo "build-web: FAILED: Node.js $(node --version) is too old; the web app" \
    "needs >= 18" >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
