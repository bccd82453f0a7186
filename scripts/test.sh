#!/usr/bin/env bash
# Installs what is missing, builds, lints the protos and runs the whole test
# suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/lint-proto.sh
cd build
ctest --output-on-failure --timeout 600 -j "$(nproc)"
