#!/usr/bin/env bash
# Schedule benchmark (issue 4): a generated program with 500 participants, 60 groups and 12 weeks
# of sessions (bench/schedule_seed.cpp), and two reads of it at 200 concurrent clients:
#   - a participant's "my schedule" (GET /api/v1/me/schedule, the next 7 days), spread over the
#     sessions of PEOPLE different participants (bench/schedule.lua);
#   - the care team's "under target this week" (GET /api/v1/programs/{id}/under-target), spread
#     over the sessions of the program's six clinicians;
# once on SQLite and once on PostgreSQL 15 (a throwaway cluster on 127.0.0.1, started and stopped
# by server/tests/store/postgres_test_server.sh). Hearth (and PostgreSQL, whose processes inherit
# the affinity) is pinned to core 0, wrk to core 1 (DESIGN.md); all traffic stays on 127.0.0.1 and
# each wrk run lasts DURATION seconds after a 2 s warm-up. Reported per driver and API:
# requests/s, p50 and p99 latency, non-2xx answers, and CPU-seconds per 10,000 requests of Hearth
# and, on PostgreSQL, of the database's processes.
# Usage: bench/schedule.sh [build/hearth] [build/hearth_bench_seed]
#        (DURATION=10 CONNECTIONS=200 PEOPLE=200 DRIVERS="sqlite postgresql" by default; also
#        SINGLE=3: a one-connection run of that many seconds per API, for the time one request
#        takes without queueing; TIMEOUT=10: wrk's time-out in seconds; WRK_LOG=file: where to
#        keep wrk's own reports, latency distributions included; FLOOR=0: no nginx run;
#        ACCEPT_ENCODING: the Accept-Encoding every request sends, Chromium's by default, so
#        that the answers go out gzipped as they do to a browser; empty: none, uncompressed;
#        STOLEN_LIMIT=5 and ATTEMPTS=3: a run at CONNECTIONS during which the hypervisor took
#        more than STOLEN_LIMIT percent of core 0 is run again, up to ATTEMPTS runs in all; every
#        run is a row of the table, and the verdict is the last run's)
# Last, the harness's own floor: nginx (one worker, bench/nginx.conf.in, pinned to core 0 like
# Hearth), driven by the same wrk script and cookies at the same concurrency, answering a
# constant 15-byte body and then the very bytes of the two answers measured (participant 1's
# schedule and clinician 1's under-target list, kept as static files), to show what latency this
# machine and harness allow at all, and for answers of these sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH="${1:-build/hearth}"
SEED="${2:-build/hearth_bench_seed}"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-200}"
PEOPLE="${PEOPLE:-200}"
DRIVERS="${DRIVERS:-sqlite postgresql}"
TIMEOUT="${TIMEOUT:-10}"
FLOOR="${FLOOR:-1}"
SINGLE="${SINGLE:-3}"  # seconds of a one-connection run per API beside the main one (0: none)
ACCEPT_ENCODING="${ACCEPT_ENCODING-gzip, deflate, br, zstd}"
STOLEN_LIMIT="${STOLEN_LIMIT:-5}"  # percent of core 0 the hypervisor may take from a kept run
ATTEMPTS="${ATTEMPTS:-3}"          # runs at most per API and driver at CONNECTIONS
PORT=18092
NGINX_PORT=18095
CLINICIANS=6  # as many as the seed makes
PASSWORD=Hearth-bench-schedule-2026
pg_server=server/tests/store/postgres_test_server.sh
base="http://127.0.0.1:$PORT"
work=$(mktemp -d /tmp/hearth-bench-schedule.XXXXXX)
pid=""
pg_state=""
nginx_master=""
cleanup() {
  [ -z "$nginx_master" ] || { kill "$nginx_master" 2>/dev/null || true; wait "$nginx_master" 2>/dev/null || true; }
  [ -z "${WRK_LOG:-}" ] || cp "$work/wrk.log" "$WRK_LOG" 2>/dev/null || true
  [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  [ -z "$pg_state" ] || "$pg_server" stop "$pg_state" || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -x "$HEARTH" ] || { echo "bench: build the server first (make build)" >&2; exit 1; }
[ -x "$SEED" ] || {
  echo "bench: build the seed first (cmake --build build --target hearth_bench_seed)" >&2
  exit 1
}

cpu_of() {  # utime + stime of one process, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
# The PostgreSQL cluster's CPU so far, in clock ticks: the postmaster with its reaped children
# (cutime, cstime) and the children still running (the pool's backends among them).
pg_cpu() {
  local total child
  total=$(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat")
  for child in $(pgrep -P "$1"); do
    total=$((total + $(cpu_of "$child" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# "busy total stolen" clock ticks of one core so far. Busy is user, nice and system time;
# interrupt time is left out, as the loopback traffic's own packet processing lands there.
# Stolen is the time the hypervisor ran something else while this virtual core had work.
core_ticks() {
  awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $9 }' /proc/stat
}

wait_ready() {
  for _ in $(seq 1 500); do
    curl -fsS -o /dev/null "$base/readyz" 2>/dev/null && return 0
    sleep 0.02
  done
  echo "bench: the server did not become ready" >&2
  tail -n 20 "$work/hearth.log" >&2
  return 1
}

# Waits until the server side has been idle for 0.3 s (at most 60 s): a wrk run that ends leaves
# up to CONNECTIONS requests behind in the server, which must not be charged to the next run.
wait_idle() {
  local last now
  last=$(server_cpu)
  for _ in $(seq 1 200); do
    sleep 0.3
    now=$(server_cpu)
    [ "$now" -gt "$((last + 1))" ] || return 0
    last=$now
  done
  echo "bench: the server stayed busy" >&2
}
server_cpu() {
  local total
  total=$(cpu_of "$pid")
  [ -z "$postmaster" ] || total=$((total + $(pg_cpu "$postmaster")))
  echo "$total"
}

sign_in() {  # email → the session cookie's value
  curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$base/api/v1/auth/sign-in" |
    awk -F'[=;]' 'tolower($0) ~ /^set-cookie: hearth_session=/ { print $2 }'
}

sign_in_all() {  # file, emails...
  local file=$1 email cookie
  shift
  : >"$file"
  for email in "$@"; do
    cookie=$(sign_in "$email")
    [ -n "$cookie" ] || { echo "bench: sign-in of $email gave no cookie" >&2; return 1; }
    echo "$cookie" >>"$file"
  done
}

# One wrk run; prints "rps p50_ms p99_ms non2xx socket_errors requests hearth_cpu_10k pg_cpu_10k
# others0_pct others1_pct stolen0_pct stolen1_pct": the shares of core 0 and core 1 that
# processes other than the server side and wrk used during the run (other people's work on this
# machine), and that the hypervisor took from them, which a figure should be read beside.
# wrk's time-out is raised to TIMEOUT so that slow answers count in the latencies rather than
# dropping out of them as socket errors.
measure() {  # connections, seconds, cookie file, path
  local hz out before after pg_before=0 pg_after=0 c0_before c0_after c1_before c1_after
  local wrk_before wrk_after me=$BASHPID
  hz=$(getconf CLK_TCK)
  c0_before=$(core_ticks 0)
  c1_before=$(core_ticks 1)
  # wrk's CPU: this shell's reaped descendants (cutime + cstime).
  wrk_before=$(awk '{ print $16 + $17 }' "/proc/$me/stat")
  before=$(cpu_of "$pid")
  [ -z "$postmaster" ] || pg_before=$(pg_cpu "$postmaster")
  out=$(taskset -c 1 wrk -t1 -c"$1" -d"$2s" --timeout "${TIMEOUT}s" --latency \
    -s bench/schedule.lua "$base" -- "$3" "$4" "$ACCEPT_ENCODING")
  after=$(cpu_of "$pid")
  [ -z "$postmaster" ] || pg_after=$(pg_cpu "$postmaster")
  wrk_after=$(awk '{ print $16 + $17 }' "/proc/$me/stat")
  c0_after=$(core_ticks 0)
  c1_after=$(core_ticks 1)
  echo "$out" >>"$work/wrk.log"
  awk -v hz="$hz" -v h="$((after - before))" -v p="$((pg_after - pg_before))" \
    -v pg="${postmaster:+yes}" -v w="$((wrk_after - wrk_before))" \
    -v c0b="$c0_before" -v c0a="$c0_after" -v c1b="$c1_before" -v c1a="$c1_after" '
    function ms(v) {
      if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms/, "", v); return v + 0 }
      if (v ~ /s$/) { sub(/s/, "", v); return v * 1000 }
      return v
    }
    /^Requests\/sec/ { rps = $2 }
    /requests in/ { n = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    END {
      pgc = pg ? sprintf("%.3f", p / hz / n * 10000) : "-"
      split(c0b, b0, " "); split(c0a, a0, " "); split(c1b, b1, " "); split(c1a, a1, " ")
      o0 = (a0[1] - b0[1] - h - p) / (a0[2] - b0[2]) * 100
      o1 = (a1[1] - b1[1] - w) / (a1[2] - b1[2]) * 100
      s0 = (a0[3] - b0[3]) / (a0[2] - b0[2]) * 100
      s1 = (a1[3] - b1[3]) / (a1[2] - b1[2]) * 100
      printf "%.0f %.2f %.2f %d %d %d %.3f %s %.0f %.0f %.0f %.0f\n", rps, p50, p99, bad, errors, n,
        h / hz / n * 10000, pgc, o0 < 0 ? 0 : o0, o1 < 0 ? 0 : o1, s0, s1
    }' <<<"$out"
}

participant_emails=()
for i in $(seq 1 "$PEOPLE"); do participant_emails+=("$(printf 'participant-%04d@bench.example' "$i")"); done
clinician_emails=()
for i in $(seq 1 "$CLINICIANS"); do clinician_emails+=("clinician-$i@bench.example"); done

echo "bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rows=()
verdicts=()
for driver in $DRIVERS; do
  data="$work/$driver"
  mkdir -p "$data"
  postmaster=""
  case $driver in
    sqlite) url="sqlite://$data/hearth.db" ;;
    postgresql)
      pg_state="$work/pg"
      # The cluster's processes inherit core 0 from here, beside Hearth.
      taskset -c 0 "$pg_server" start "$pg_state" >&2
      url=$(<"$pg_state/url")
      postmaster=$(head -n 1 "$(<"$pg_state/dir")/data/postmaster.pid")
      ;;
    *) echo "bench: unknown driver $driver" >&2; exit 2 ;;
  esac

  taskset -c 0 "$SEED" --db "$url" >"$work/seed.txt"
  seeded=$(head -n 1 "$work/seed.txt")
  program=$(awk -F= '/^program_id=/ { print $2 }' "$work/seed.txt")
  echo "bench: $driver: $seeded" >&2

  HEARTH_DB="$url" taskset -c 0 "$HEARTH" serve --data "$data" --port "$PORT" --threads 1 \
    --log-level warn --reminder-sweep-seconds 0 >/dev/null 2>"$work/hearth.log" &
  pid=$!
  wait_ready
  echo "bench: $driver: signing in $PEOPLE participants and $CLINICIANS clinicians (one Argon2id each)" >&2
  sign_in_all "$work/participants.cookies" "${participant_emails[@]}"
  sign_in_all "$work/clinicians.cookies" "${clinician_emails[@]}"

  # What one answer holds, so that the table says what was measured.
  first=$(head -n 1 "$work/participants.cookies")
  sessions=$(curl -fsS -b "hearth_session=$first" "$base/api/v1/me/schedule" |
    python3 -c 'import json, sys; print(len(json.load(sys.stdin)["occurrences"]))')
  read -r listed active < <(curl -fsS -b "hearth_session=$(head -n 1 "$work/clinicians.cookies")" \
    "$base/api/v1/programs/$program/under-target" |
    python3 -c 'import json, sys; a = json.load(sys.stdin); print(len(a["participants"]), a["active_participants"])')
  echo "bench: $driver: my schedule of participant-0001: $sessions sessions; under target: $listed of $active active participants" >&2
  # The same bytes for nginx to serve as the floor (the last driver's; both give the same
  # sizes): each answer as it is, and as Hearth sends it gzipped, for gzip_static.
  mkdir -p "$work/nginx"
  for floor_file in schedule under-target; do
    if [ $floor_file = schedule ]; then
      floor_cookie=$first floor_url="$base/api/v1/me/schedule"
    else
      floor_cookie=$(head -n 1 "$work/clinicians.cookies")
      floor_url="$base/api/v1/programs/$program/under-target"
    fi
    curl -fsS -b "hearth_session=$floor_cookie" -o "$work/nginx/$floor_file.json" "$floor_url"
    curl -fsS -b "hearth_session=$floor_cookie" -H 'Accept-Encoding: gzip' \
      -o "$work/nginx/$floor_file.json.gz" "$floor_url"
  done
  # nginx's worker runs as nobody: it may pass through the work folder and read just these.
  chmod o+x "$work" "$work/nginx"
  chmod o+r "$work/nginx/"*.json "$work/nginx/"*.json.gz

  schedule_path=/api/v1/me/schedule
  target_path="/api/v1/programs/$program/under-target"
  for api in schedule target; do
    if [ $api = schedule ]; then
      cookies="$work/participants.cookies" path=$schedule_path
      what="\`GET /api/v1/me/schedule\` ($sessions sessions; $PEOPLE participants' cookies)"
    else
      cookies="$work/clinicians.cookies" path=$target_path
      what="\`GET /api/v1/programs/{id}/under-target\` ($listed of $active listed; $CLINICIANS clinicians' cookies)"
    fi
    echo "bench: $driver: $api: warming up, then $DURATION s" >&2
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s -s bench/schedule.lua "$base" -- "$cookies" "$path" \
      "$ACCEPT_ENCODING" >/dev/null
    wait_idle
    for attempt in $(seq 1 "$ATTEMPTS"); do
      read -r rps p50 p99 bad errors n hcpu pcpu o0 o1 s0 s1 < <(measure "$CONNECTIONS" "$DURATION" "$cookies" "$path")
      wait_idle
      rows+=("| $driver | $what | $CONNECTIONS | $rps | $p50 | **$p99** | $bad | $errors | $hcpu | $pcpu | $o0% / $o1% | $s0% / $s1% |")
      [ "$s0" -gt "$STOLEN_LIMIT" ] || break
      echo "bench: $driver: $api: the hypervisor took $s0% of core 0 (limit $STOLEN_LIMIT%)" >&2
    done
    verdict=$(awk -v p="$p99" -v b="$bad" -v e="$errors" \
      'BEGIN { print (p < 10 && b == 0 && e == 0) ? "met" : "NOT met" }')
    verdicts+=("$driver, $api: p99 $p99 ms at $CONNECTIONS connections, $bad non-2xx, $errors socket errors, $s0% of core 0 stolen (run $attempt of at most $ATTEMPTS): $verdict")
    if [ "$SINGLE" != 0 ]; then
      read -r rps p50 p99 bad errors n hcpu pcpu o0 o1 s0 s1 < <(measure 1 "$SINGLE" "$cookies" "$path")
      wait_idle
      rows+=("| $driver | $what | 1 | $rps | $p50 | $p99 | $bad | $errors | $hcpu | $pcpu | $o0% / $o1% | $s0% / $s1% |")
    fi
  done

  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  if [ -n "$pg_state" ]; then
    "$pg_server" stop "$pg_state"
    pg_state=""
  fi
done

if [ "$FLOOR" != 0 ]; then
  mkdir -p "$work/nginx"
  sed -e "s|@PORT@|$NGINX_PORT|; s|@ROOT@|$work/nginx|; s|@WORK@|$work/nginx|g" \
    bench/nginx.conf.in >"$work/nginx/nginx.conf"
  taskset -c 0 nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>>"$work/nginx/error.log" &
  nginx_master=$!
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" 2>/dev/null && break
    sleep 0.1
  done
  # measure() charges the run to $pid and sends to $base: here the worker and nginx.
  pid=$(pgrep -P "$(cat "$work/nginx/nginx.pid")" | head -n 1)
  postmaster="" base="http://127.0.0.1:$NGINX_PORT"
  for floor_path in /healthz /schedule.json /under-target.json; do
    case $floor_path in
      /healthz) what="\`GET /healthz\`: \`return 200\` of 15 bytes" ;;
      *)
        floor_bytes=$(stat -c %s "$work/nginx$floor_path")
        case $ACCEPT_ENCODING in
          *gzip*) floor_bytes="$(stat -c %s "$work/nginx$floor_path.gz") gzipped" ;;
        esac
        what="\`GET $floor_path\`: the same answer's $floor_bytes bytes as a file"
        ;;
    esac
    echo "bench: nginx: $floor_path: warming up, then $DURATION s" >&2
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s -s bench/schedule.lua "$base" -- \
      "$work/participants.cookies" "$floor_path" "$ACCEPT_ENCODING" >/dev/null
    read -r rps p50 p99 bad errors n hcpu pcpu o0 o1 s0 s1 < <(measure "$CONNECTIONS" "$DURATION" \
      "$work/participants.cookies" "$floor_path")
    rows+=("| nginx (the harness's floor) | $what, the same script and cookies | $CONNECTIONS | $rps | $p50 | $p99 | $bad | $errors | $hcpu (nginx) | | $o0% / $o1% | $s0% / $s1% |")
  done
  kill "$nginx_master"
  wait "$nginx_master" 2>/dev/null || true
  nginx_master="" pid=""
fi

cat <<TABLE
Run: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load after: $(cut -d' ' -f1-3 /proc/loadavg). wrk -t1 -c$CONNECTIONS -d${DURATION}s (and -c1 -d${SINGLE}s) pinned to core 1, each request with Accept-Encoding: ${ACCEPT_ENCODING:-(none)}; Hearth (--threads 1), PostgreSQL and nginx pinned to core 0.

| driver | API | connections | requests/s | p50 ms | p99 ms | non-2xx | socket errors | Hearth CPU-s per 10k | PostgreSQL CPU-s per 10k | others' use of core 0 / core 1 | stolen by the hypervisor, core 0 / core 1 |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
TABLE
printf '%s\n' "${rows[@]}"
echo
echo "Target: p99 under 10 ms at $CONNECTIONS clients, no errors."
printf '  %s\n' "${verdicts[@]}"
