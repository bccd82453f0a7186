#!/usr/bin/env bash
# Browser end-to-end tests of the web app: Debian's Chromium, driven by
# playwright-core, against a real mead with the demo data.
#
# Builds the web app (scripts/build-web.sh) and mead (when $build/bin/mead
# is missing), starts mead on free loopback ports with a fresh database, a
# fixed today and a token file with a procurement, a forum-member, a
# secretariat and a supplier token, runs clients/web/tests/*.test.mjs with
# node's test runner and stops mead. Screenshots and PDFs go to
# build/web-test-output/.
#
# Needs Node.js >= 18, npm, /usr/bin/chromium and curl (Debian 12's
# nodejs, npm, chromium and curl: scripts/setup.sh installs them) and fails
# when one is missing: a run without them is no pass.
#
# Environment: MEA_BUILD_DIR (default build) is where mead is built.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build_dir="${MEA_BUILD_DIR:-build}"
output_dir="$root/build/web-test-output"
# A fixed day, so that the demo data (relative to today) and the expected
# dates never drift.
readonly today="2026-03-02"

missing=()
command -v node >/dev/null 2>&1 || missing+=("node (Debian package nodejs)")
command -v npm >/dev/null 2>&1 || missing+=("npm (Debian package npm)")
[ -x /usr/bin/chromium ] || missing+=("/usr/bin/chromium (Debian package chromium)")
command -v curl >/dev/null 2>&1 || missing+=("curl (Debian package curl)")
if ((${#missing[@]})); then
  printf 'test-web: FAILED: missing %s\n' "${missing[@]}" >&2
  echo "test-web: scripts/setup.sh installs them" >&2
  exit 1
fi

# Fails (Node.js older than 18) as the browser tests would.
scripts/build-web.sh
echo "test-web: Node.js $(node --version), npm $(npm --version)," \
  "$(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
mead="$build_dir/bin/mead"
if [ ! -x "$mead" ]; then
  cmake -S . -B "$build_dir" >/dev/null
  cmake --build "$build_dir" -j "$(nproc)" --target mead
fi

work="$(mktemp -d)"
mead_pid=""
cleanup() {
  if [ -n "$mead_pid" ]; then
    kill -TERM "$mead_pid" 2>/dev/null || true
    wait "$mead_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}
new_token() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
token_line() {  # token name organisation role
  printf '%s\t%s\t%s\t%s\n' "$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)" "$2" "$3" "$4"
}

grpc_port="$(free_port)"
http_port="$(free_port)"
mead_args=(--demo --today "$today" --db "$work/web-test.db"
  --listen "127.0.0.1:$grpc_port" --http_listen "127.0.0.1:$http_port"
  --web_root "$root/clients/web/dist")
export MEA_WEB_TOKENS_ENFORCED=0
mead_help="$("$mead" --helpfull 2>&1 || true)"
if grep -q -- '--tokens' <<<"$mead_help"; then
  MEA_WEB_TOKEN_PROCUREMENT="$(new_token)"
  MEA_WEB_TOKEN_FORUM="$(new_token)"
  MEA_WEB_TOKEN_SECRETARIAT="$(new_token)"
  MEA_WEB_TOKEN_OTHER_SUPPLIER="$(new_token)"
  export MEA_WEB_TOKEN_PROCUREMENT MEA_WEB_TOKEN_FORUM MEA_WEB_TOKENS_ENFORCED=1
  export MEA_WEB_TOKEN_SECRETARIAT MEA_WEB_TOKEN_OTHER_SUPPLIER
  {
    token_line "$MEA_WEB_TOKEN_PROCUREMENT" "web-test innkjøp" "Sykehusinnkjøp HF" PROCUREMENT
    token_line "$MEA_WEB_TOKEN_FORUM" "web-test forum" "Beslutningsforum" FORUM_MEMBER
    token_line "$MEA_WEB_TOKEN_SECRETARIAT" "web-test sekretariat" "Sekretariatet for Nye metoder" SECRETARIAT
    # A supplier of other cases than ID2021_045 (Bayer AS's).
    token_line "$MEA_WEB_TOKEN_OTHER_SUPPLIER" "web-test leverandør" "MSD (Norge) AS" SUPPLIER
  } >"$work/tokens.tsv"
  mead_args+=(--tokens "$work/tokens.tsv")
fi

mkdir -p "$output_dir"
"$mead" "${mead_args[@]}" >"$output_dir/mead.log" 2>&1 &
mead_pid=$!

export MEA_WEB_URL="http://127.0.0.1:$http_port/"
export MEA_WEB_TODAY="$today"
export MEA_WEB_OUTPUT="$output_dir"
# Ready when the web app's page is served (the demo data is loaded before
# the server starts answering).
for _ in $(seq 1 100); do
  if curl -sf -o /dev/null "$MEA_WEB_URL"; then break; fi
  if ! kill -0 "$mead_pid" 2>/dev/null; then
    echo "test-web: mead did not start:" >&2
    cat "$output_dir/mead.log" >&2
    exit 1
  fi
  sleep 0.2
done
curl -sf -o /dev/null "$MEA_WEB_URL" || {
  echo "test-web: mead's HTTP gateway did not answer on $MEA_WEB_URL" >&2
  exit 1
}

cd clients/web
node --test --test-concurrency=2 tests/*.test.mjs
echo "test-web: screenshots in $output_dir"
