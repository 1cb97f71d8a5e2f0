#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 (ASan + UBSan) and runs each for FUZZ_SECONDS
# (default 30) from its seed corpus: fuzz_request (raw bytes → HTTP → the real routes) and
# fuzz_crisis_text (raw bytes → the crisis-phrase matcher). New inputs go to a scratch corpus,
# not into the repo. A crash leaves its input in build-fuzz/artifacts/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
dir=build-fuzz
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# Boost 1.74 detects co_await under clang only through libc++'s <experimental/coroutine>; with
# libstdc++'s <coroutine> (which clang 16 supports) it has to be told.
asio="-DBOOST_ASIO_HAS_CO_AWAIT=1"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_FUZZ=ON -DHEARTH_BUILD_TESTS=OFF \
  -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_CXX_FLAGS="$san $asio -fsanitize=fuzzer-no-link" \
  -DCMAKE_EXE_LINKER_FLAGS="$san" >/dev/null
targets="fuzz_request fuzz_crisis_text"
# shellcheck disable=SC2086  # the target names are words
cmake --build "$dir" --target $targets -j"$(nproc)"
mkdir -p "$dir/artifacts"
for target in $targets; do
  corpus=${target#fuzz_}
  mkdir -p "$dir/corpus/$corpus"
  echo "fuzz: $target for $seconds s"
  # pipefail: a crash (libFuzzer's non-zero exit) fails the run through tail.
  "$dir/server/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$dir/artifacts/" -print_final_stats=1 \
    "$dir/corpus/$corpus" "server/tests/fuzz/corpus/$corpus" 2>&1 | tail -n 25
done
