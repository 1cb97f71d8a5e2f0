#!/usr/bin/env bash
# Runs every test suite and ends with one summary line: "suites: N passed, M failed".
# Each suite runs even if an earlier one failed, so one run shows everything that is wrong.
# A failed suite's failure lines are printed again just before the summary: CI often keeps only
# the end of the output, and later suites would otherwise push the failure out of it.
# Exit status: 0 only if every suite passed.
set -uo pipefail
cd "$(dirname "$0")/.."

BUILD="${BUILD:-build}"
JOBS="${JOBS:-$(nproc)}"
LOGS="$BUILD/test-logs"
FAILURE_LINES="${FAILURE_LINES:-16}"
passed=()
failed=()
mkdir -p "$LOGS"

suite() {
  local name="$1"
  shift
  echo
  echo "=== suite: $name"
  local started=$SECONDS
  # pipefail makes the suite's status the pipeline's; the output stays in $LOGS for the summary.
  if "$@" 2>&1 | tee "$LOGS/$name.log"; then
    passed+=("$name")
    echo "=== suite: $name passed ($((SECONDS - started)) s)"
  else
    failed+=("$name")
    echo "=== suite: $name FAILED ($((SECONDS - started)) s)"
  fi
}

format_check() {
  git ls-files 'server/*.cpp' 'server/*.hpp' 'bench/*.cpp' | xargs clang-format --dry-run --Werror
}

server_build() {
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build "$BUILD" -j"$JOBS"
}

server_tests() {
  ctest --test-dir "$BUILD" -j"$JOBS" --output-on-failure --no-tests=error
}

web_build() { (cd web && npm run build); }
web_lint() { (cd web && npm run lint); }
web_unit() { (cd web && npm test); }
web_e2e() { (cd web && HEARTH_BIN="$PWD/../$BUILD/hearth" npm run e2e); }

suite format format_check
suite server-build server_build
suite server server_tests
suite fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-30}" scripts/fuzz.sh
suite web-lint web_lint
suite web-unit web_unit
suite web-build web_build
suite web-e2e web_e2e

# Only the lines that name a failure, and only the last few, so the summary stays at the end.
for name in "${failed[@]}"; do
  echo
  echo "=== why $name failed (its whole output: $LOGS/$name.log)"
  sed 's/\x1b\[[0-9;]*m//g' "$LOGS/$name.log" |
    grep -E -i 'fail|error|timed out|timeout|assert|expected|✗|×' | tail -n "$FAILURE_LINES"
done

echo
[ ${#failed[@]} -eq 0 ] || echo "failed suites: ${failed[*]}"
echo "suites: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
