#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang-14, ASan and UBSan into
# build-fuzz/ and runs each for a bounded time, starting from the seeds made
# from the worked examples and from fuzz/regressions/<target>/.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 60)] [TARGET...]
#   targets: evaluation_input settle results_csv (default: all)
#
# Installs clang-14 and the libFuzzer/sanitizer runtimes when missing (the
# project's own packages come from scripts/setup.sh). When a target
# crashes, its input is copied into fuzz/regressions/<target>/, where the
# ordinary ctest run replays it from then on (commit it with the fix), and
# the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if (($# > 0)); then shift; fi
targets=("$@")
((${#targets[@]})) || targets=(evaluation_input settle results_csv)

packages=(clang-14 libclang-rt-14-dev libfuzzer-14-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "fuzz: installing ${missing[*]}"
  sudo_prefix=()
  [ "$(id -u)" -eq 0 ] || sudo_prefix=(sudo)
  "${sudo_prefix[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_prefix[@]}" apt-get install -y -q \
    "${missing[@]}"
fi

build=build-fuzz
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DMEA_FUZZ=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target make_seeds \
  "${targets[@]/#/fuzz_}"
"$build/bin/make_seeds" ../shared/examples "$build/seeds"

export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
failed=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts" "fuzz/regressions/$target"
  echo "fuzz: $target for ${seconds}s"
  # The first folder collects new coverage; the others are read only.
  if ! "$build/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" \
      "$corpus" "$build/seeds/$target" "fuzz/regressions/$target" \
      2>"$build/fuzz-$target.log"; then
    tail -n 40 "$build/fuzz-$target.log" >&2
    for artifact in "$artifacts"/*; do
      [ -e "$artifact" ] || continue
      cp "$artifact" "fuzz/regressions/$target/"
      echo "fuzz: $target crashed; kept $(basename "$artifact") in" \
        "fuzz/regressions/$target/" >&2
    done
    failed=1
  else
    grep -E '^(stat::number_of_executed_units|stat::new_units_added)' \
      "$build/fuzz-$target.log" | sed "s/^/fuzz: $target: /"
  fi
done
exit "$failed"
