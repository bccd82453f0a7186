#!/usr/bin/env bash
# Builds the whole project with GCC's AddressSanitizer and
# UndefinedBehaviorSanitizer into build-asan/ and runs the whole test suite
# there, mead and meactl included (the tests start those binaries from
# build-asan/bin, so they run instrumented too). The first report stops
# the process that made it (halt_on_error) and fails its test.
#
# Usage: scripts/sanitizers.sh [extra ctest arguments, e.g. -R reliability]
set -euo pipefail
cd "$(dirname "$0")/.."
# Packages (the same as the normal build); its build of build/ is a no-op
# when the test command ran first, as in CI.
scripts/setup.sh >/dev/null

build=build-asan
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="$sanitize -fno-omit-frame-pointer" \
  -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1" \
  -DCMAKE_EXE_LINKER_FLAGS="$sanitize" >/dev/null
cmake --build "$build" -j "$(nproc)"

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
cd "$build"
ctest --output-on-failure --timeout 900 -j "$(nproc)" "$@"
