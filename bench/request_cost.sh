#!/usr/bin/env bash
# CPU cost of one small request, as instructions counted by callgrind: repeatable whatever else
# the machine is doing, unlike a wall-clock rate (this machine type has no hardware counters for
# `perf stat`). Runs Hearth (`--threads 1`, log level info, log to a file, as bench/run.sh does)
# under callgrind, warms up, then for each path zeroes the counters, sends a fixed number of
# keep-alive requests (bench/fixed_requests.py, 8 connections, one request in flight each) and
# dumps: instructions of the whole process (every thread) per request.
# Usage: bench/request_cost.sh [build/hearth]   (REQUESTS=4000 by default)
# Keep the callgrind dumps for callgrind_annotate with KEEP=dir.
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH="${1:-build/hearth}"
REQUESTS="${REQUESTS:-4000}"
PORT="${PORT:-18090}"
work=$(mktemp -d /tmp/hearth-cost.XXXXXX)
pid=
cleanup() {
  [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$HEARTH" ] || { echo "request_cost: build the server first" >&2; exit 1; }
"$HEARTH" demo --data "$work/data" --log-level warn >/dev/null
valgrind --tool=callgrind --compress-strings=no --callgrind-out-file="$work/callgrind.out.%p" \
  "$HEARTH" serve --data "$work/data" --port "$PORT" --static web/dist --threads 1 \
  --log-level info >/dev/null 2>"$work/hearth.log" &
pid=$!
for _ in $(seq 1 600); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null && break
  sleep 0.1
done

echo "| path | instructions per request |"
echo "|---|---:|"
for path in /healthz /favicon.svg /api/v1/version; do
  python3 bench/fixed_requests.py "$PORT" "$path" 500 8  # warm-up: caches, allocator, metrics
  callgrind_control -z "$pid" >/dev/null 2>&1
  python3 bench/fixed_requests.py "$PORT" "$path" "$REQUESTS" 8
  callgrind_control -d "$pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/callgrind.out.* | head -n 1)
  [ -z "${KEEP:-}" ] || cp "$dump" "$KEEP/callgrind$(tr / _ <<<"$path").out"
  awk -v n="$REQUESTS" -v p="$path" '/^(summary|totals):/ { ir = $2 }
    END { printf "| %s | %.0f |\n", p, ir / n }' "$dump"
done
