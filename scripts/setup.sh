#!/usr/bin/env bash
# Installs the Debian 12 packages mea needs (only those missing), then
# configures and builds into build/ (binaries in build/bin) and builds the
# web app (scripts/build-web.sh, into clients/web/dist). chromium and curl
# are for the browser tests of the web app (scripts/test-web.sh).
#
# Node.js and npm (for the web app and buf) come from Debian (nodejs 18,
# npm 9) unless `node` and `npm` are already on PATH: a newer Node.js
# installed otherwise (it may bundle npm, which then conflicts with
# Debian's npm package) is left alone.
# Usage: scripts/setup.sh [cmake build type, default RelWithDebInfo]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ pkg-config ccache tzdata
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libsqlite3-dev libssl-dev openssl
  libgtest-dev libgmock-dev libbenchmark-dev
  golang-github-gogo-googleapis-dev
  libcpp-httplib-dev libxlsxwriter-dev python3-icalendar python3-openpyxl
  chromium curl
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q "install ok installed" || missing+=("$package")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_prefix=()
  [ "$(id -u)" -eq 0 ] || sudo_prefix=(sudo)
  "${sudo_prefix[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -q \
    "${missing[@]}"
fi

build_type="${1:-RelWithDebInfo}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j "$(nproc)"
scripts/build-web.sh
