#!/usr/bin/env bash
# Foundation benchmark: Hearth beside nginx, in one run, on this machine.
#   - wrk, 64 connections, on /healthz, one static asset, one JSON API GET (Hearth) and the same
#     static asset from nginx; requests/s, p99 latency, server CPU-seconds per 10,000 requests.
#   - Hearth's idle resident memory, and the time from process start to a 200 on /readyz.
# Servers are pinned to core 0 and wrk to core 1 (DESIGN.md). Both servers write an access log
# line per request to a file, so neither gets a free pass. All traffic stays on 127.0.0.1;
# each wrk run is bounded by DURATION seconds.
# Usage: bench/run.sh [build/hearth]   (DURATION=10 CONNECTIONS=64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH="${1:-build/hearth}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
HEARTH_PORT=18080
NGINX_PORT=18081
work=$(mktemp -d /tmp/hearth-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

[ -x "$HEARTH" ] || { echo "bench: build the server first (make build)" >&2; exit 1; }
[ -f web/dist/index.html ] || { echo "bench: build the web app first (make build)" >&2; exit 1; }
# The app's main bundle (what every page load fetches) and a small file, so that both the
# bandwidth-bound and the per-request-overhead-bound cases are on the table.
asset=$(cd web/dist && ls -S assets/*.js | head -n 1)
asset_bytes=$(stat -c %s "web/dist/$asset")
small=favicon.svg
small_bytes=$(stat -c %s "web/dist/$small")

cpu_seconds() {  # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$1/stat"
}

wait_ready() {  # port, path
  for _ in $(seq 1 500); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1$2" 2>/dev/null && return 0
    sleep 0.01
  done
  echo "bench: server on port $1 did not become ready" >&2
  return 1
}

# One wrk run against a server process; prints "rps p99_ms cpu_per_10k".
measure() {  # pid, url
  local before after out rps p99 requests
  before=$(cpu_seconds "$1")
  out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2")
  after=$(cpu_seconds "$1")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
         else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
         printf "%.2f", v }' <<<"$out")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out")
  [ -z "$errors" ] || echo "bench: $2: $errors" >&2
  awk -v a="$after" -v b="$before" -v n="$requests" -v r="$rps" -v p="$p99" \
    'BEGIN { printf "%.0f %s %.3f\n", r, p, (a - b) / n * 10000 }'
}

# --- Hearth
"$HEARTH" demo --data "$work/data" --log-level warn >/dev/null
startup_ms=$(python3 bench/startup_time.py "$HEARTH" "$work/data" "$HEARTH_PORT")
taskset -c 0 "$HEARTH" serve --data "$work/data" --port "$HEARTH_PORT" --static web/dist \
  --threads 1 >/dev/null 2>"$work/hearth.log" &
hearth_pid=$!
pids+=("$hearth_pid")
wait_ready "$HEARTH_PORT" /readyz
# Just after start the server builds the dummy Argon2id hash that unknown-email sign-ins are
# checked against (64 MiB while it runs, about 60 ms); idle means after that.
rss_start_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$hearth_pid/status")
sleep 1
rss_idle_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$hearth_pid/status")

# --- nginx, one worker, same file, access log on
mkdir -p "$work/nginx"
sed -e "s|@PORT@|$NGINX_PORT|; s|@ROOT@|$PWD/web/dist|; s|@WORK@|$work/nginx|g" \
  bench/nginx.conf.in >"$work/nginx/nginx.conf"
taskset -c 0 nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
wait_ready "$NGINX_PORT" "/$asset"
nginx_worker=$(pgrep -P "$(cat "$work/nginx/nginx.pid")" | head -n 1)

echo "bench: warming up" >&2
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$HEARTH_PORT/$asset" >/dev/null
taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s "http://127.0.0.1:$NGINX_PORT/$asset" >/dev/null

read -r h_health_rps h_health_p99 h_health_cpu < <(measure "$hearth_pid" "http://127.0.0.1:$HEARTH_PORT/healthz")
read -r h_static_rps h_static_p99 h_static_cpu < <(measure "$hearth_pid" "http://127.0.0.1:$HEARTH_PORT/$asset")
read -r h_small_rps h_small_p99 h_small_cpu < <(measure "$hearth_pid" "http://127.0.0.1:$HEARTH_PORT/$small")
read -r h_api_rps h_api_p99 h_api_cpu < <(measure "$hearth_pid" "http://127.0.0.1:$HEARTH_PORT/api/v1/version")
read -r n_static_rps n_static_p99 n_static_cpu < <(measure "$nginx_worker" "http://127.0.0.1:$NGINX_PORT/$asset")
read -r n_small_rps n_small_p99 n_small_cpu < <(measure "$nginx_worker" "http://127.0.0.1:$NGINX_PORT/$small")
read -r n_health_rps n_health_p99 n_health_cpu < <(measure "$nginx_worker" "http://127.0.0.1:$NGINX_PORT/healthz")
rss_after_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$hearth_pid/status")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", a / b * 100 }'; }
cat <<TABLE
Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t1 -c$CONNECTIONS -d${DURATION}s pinned to core 1, servers pinned to core 0 (Hearth --threads 1, nginx worker_processes 1).
Large static asset: /$asset ($asset_bytes bytes); small static asset: /$small ($small_bytes bytes).

| target | server | requests/s | p99 latency | CPU-s per 10k requests | vs nginx |
|---|---|---:|---:|---:|---:|
| /healthz (small JSON) | Hearth | $h_health_rps | ${h_health_p99} ms | $h_health_cpu | $(ratio "$h_health_rps" "$n_health_rps") |
| /healthz (the same body from \`return 200\`) | nginx | $n_health_rps | ${n_health_p99} ms | $n_health_cpu | |
| large static asset | Hearth | $h_static_rps | ${h_static_p99} ms | $h_static_cpu | $(ratio "$h_static_rps" "$n_static_rps") |
| large static asset | nginx | $n_static_rps | ${n_static_p99} ms | $n_static_cpu | |
| small static asset | Hearth | $h_small_rps | ${h_small_p99} ms | $h_small_cpu | $(ratio "$h_small_rps" "$n_small_rps") |
| small static asset | nginx | $n_small_rps | ${n_small_p99} ms | $n_small_cpu | |
| GET /api/v1/version (JSON API) | Hearth | $h_api_rps | ${h_api_p99} ms | $h_api_cpu | |

| Hearth process | figure |
|---|---:|
| resident memory at the first 200 on /readyz (Argon2id warm-up may be running) | $((rss_start_kb / 1024)) MB ($rss_start_kb kB) |
| resident memory, idle 1 s after start | $((rss_idle_kb / 1024)) MB ($rss_idle_kb kB) |
| resident memory after the runs | $((rss_after_kb / 1024)) MB ($rss_after_kb kB) |
| process start to 200 on /readyz (median of 5) | $startup_ms ms |
TABLE
