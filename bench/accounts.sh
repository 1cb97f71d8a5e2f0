#!/usr/bin/env bash
# Accounts benchmark (issue 3), in one run on this machine:
#   - Argon2id hash time with the server's limits (bench/argon2id_time.c, libsodium directly);
#   - sign-ins per second through POST /api/v1/auth/sign-in (bounded by Argon2id, by design),
#     at 1 and 2 connections;
#   - an authenticated JSON GET (/api/v1/account with a session cookie) beside the foundation
#     benchmark's unauthenticated JSON GET (/api/v1/programs), 64 connections each.
# The server is pinned to core 0 and wrk to core 1 (DESIGN.md); all traffic stays on
# 127.0.0.1 and each wrk run lasts DURATION seconds.
# Usage: bench/accounts.sh [build/hearth]   (DURATION=10 CONNECTIONS=64 by default)
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH="${1:-build/hearth}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT=18090
work=$(mktemp -d /tmp/hearth-bench-accounts.XXXXXX)
pid=""
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -x "$HEARTH" ] || { echo "bench: build the server first (make build)" >&2; exit 1; }

base="http://127.0.0.1:$PORT"
email=avery@riverbend.example
password=Riverbend-demo-2026

gcc -O2 -o "$work/argon2id_time" bench/argon2id_time.c $(pkg-config --cflags --libs libsodium)
read -r hash_min hash_median hash_max < <(taskset -c 0 "$work/argon2id_time" 15)

"$HEARTH" demo --data "$work/data" --log-level warn >/dev/null
taskset -c 0 "$HEARTH" serve --data "$work/data" --port "$PORT" --threads 1 --log-level warn \
  >/dev/null 2>"$work/hearth.log" &
pid=$!
for _ in $(seq 1 500); do curl -fsS -o /dev/null "$base/readyz" 2>/dev/null && break; sleep 0.01; done

# "rps p99_ms non2xx" from one wrk run.
run_wrk() {  # connections, extra wrk args...
  local connections=$1
  shift
  local out
  out=$(taskset -c 1 wrk -t1 -c"$connections" -d"${DURATION}s" --latency "$@")
  awk '/^Requests\/sec/ { rps = $2 }
       $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                     else if (v ~ /ms$/) { sub(/ms/, "", v) }
                     else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
       /Non-2xx/ { bad = $NF }
       END { printf "%.0f %.2f %d\n", rps, p99, bad }' <<<"$out"
}

cat >"$work/sign_in.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"email":"$email","password":"$password"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Origin"] = "$base"
LUA
read -r sign1_rps sign1_p99 sign1_bad < <(run_wrk 1 -s "$work/sign_in.lua" "$base/api/v1/auth/sign-in")
read -r sign2_rps sign2_p99 sign2_bad < <(run_wrk 2 -s "$work/sign_in.lua" "$base/api/v1/auth/sign-in")

cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/sign-in" |
  awk -F'[=;]' 'tolower($0) ~ /^set-cookie: hearth_session=/ { print $2 }')
[ -n "$cookie" ] || { echo "bench: sign-in gave no cookie" >&2; exit 1; }

# One answer and the same work for an unknown email and a wrong password: the median time of ten
# refusals of each (kept under the per-address throttle's 30 free failures; each known account
# gets five, its own free failures).
time_refusals() {  # emails...
  for e in "$@"; do
    curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
      -H "Origin: $base" -d "{\"email\":\"$e\",\"password\":\"not-the-password-at-all\"}" \
      "$base/api/v1/auth/sign-in"
  done | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%.1f", (v[5] + v[6]) / 2 }'
}
unknown_ms=$(time_refusals nobody{1..10}@riverbend.example)
known=()
for i in 1 2 3 4 5; do known+=(blake@riverbend.example devon@riverbend.example); done
wrong_ms=$(time_refusals "${known[@]}")

read -r anon_rps anon_p99 anon_bad < <(run_wrk "$CONNECTIONS" "$base/api/v1/programs")
read -r auth_rps auth_p99 auth_bad < <(run_wrk "$CONNECTIONS" -H "Cookie: hearth_session=$cookie" \
  "$base/api/v1/account")
ratio=$(awk -v a="$auth_rps" -v b="$anon_rps" 'BEGIN { printf "%.0f", a / b * 100 }')

echo "Argon2id (libsodium INTERACTIVE: 64 MiB, 2 passes) hash time, 15 runs: min ${hash_min} ms, median ${hash_median} ms, max ${hash_max} ms"
echo
echo "| case | connections | requests/s | p99 ms | non-2xx |"
echo "|---|---|---|---|---|"
echo "| POST /api/v1/auth/sign-in | 1 | $sign1_rps | $sign1_p99 | $sign1_bad |"
echo "| POST /api/v1/auth/sign-in | 2 | $sign2_rps | $sign2_p99 | $sign2_bad |"
echo "| GET /api/v1/programs (no session) | $CONNECTIONS | $anon_rps | $anon_p99 | $anon_bad |"
echo "| GET /api/v1/account (session cookie) | $CONNECTIONS | $auth_rps | $auth_p99 | $auth_bad |"
echo
echo "Authenticated GET / unauthenticated GET: ${ratio}% (target: at least 80%)"
echo "Refused sign-in, median of 10: unknown email ${unknown_ms} ms, wrong password ${wrong_ms} ms"
