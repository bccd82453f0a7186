#!/usr/bin/env bash
# Lints proto/ with buf (installed from the npm registry, pinned in
# scripts/buf/package-lock.json) against Google's API style rules.
#
# buf cannot fetch googleapis here, so the lint runs in a temporary
# workspace: a copy of proto/ plus the google/api/*.proto files of Debian's
# golang-github-gogo-googleapis-dev (for the google.api.http annotations).
# proto/buf.yaml excludes google/ from the lint itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
  echo "lint-proto: npm not found; skipping buf lint" >&2
  exit 0
fi
googleapis=/usr/share/gocode/src/github.com/gogo/googleapis
(cd scripts/buf && npm install --silent --no-audit --no-fund >/dev/null)
buf="$PWD/scripts/buf/node_modules/.bin/buf"
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
cp -r proto/. "$workspace/"
mkdir -p "$workspace/google/api"
cp "$googleapis"/google/api/{annotations,http}.proto "$workspace/google/api/"
(cd "$workspace" && "$buf" lint)
echo "lint-proto: buf lint passed"
