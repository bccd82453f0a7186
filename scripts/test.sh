#!/usr/bin/env bash
# Installs what is missing, builds, lints the protos, runs the whole C++ test
# suite (ctest) and the browser end-to-end tests of the web app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/lint-proto.sh
(cd build && ctest --output-on-failure --timeout 600 -j "$(nproc)")
scripts/test-web.sh
