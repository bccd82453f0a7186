#!/usr/bin/env bash
# Lints proto/ with buf (installed from the npm registry exactly as pinned
# in scripts/buf/package-lock.json: npm ci, only when node_modules is
# missing or older than the lockfile) against Google's API style rules.
# Fails without npm (scripts/setup.sh installs Debian's).
#
# buf cannot fetch googleapis here, so the lint runs in a temporary
# workspace: a copy of proto/ plus the google/api/*.proto files of Debian's
# golang-github-gogo-googleapis-dev (for the google.api.http annotations).
# proto/buf.yaml excludes google/ from the lint itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  echo "lint-proto: FAILED: npm not found (scripts/setup.sh installs" \
    "Debian's nodejs and npm)" >&2
  exit 1
fi
googleapis=/usr/share/gocode/src/github.com/gogo/googleapis
(
  cd scripts/buf
  if [ ! -f node_modules/.package-lock.json ] ||
    [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --silent --no-audit --no-fund >/dev/null
  fi
)
buf="$PWD/scripts/buf/node_modules/.bin/buf"
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
cp -r proto/. "$workspace/"
mkdir -p "$workspace/google/api"
cp "$googleapis"/google/api/{annotations,http}.proto "$workspace/google/api/"
(cd "$workspace" && "$buf" lint)
echo "lint-proto: buf lint passed"
