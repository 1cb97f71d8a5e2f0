#!/usr/bin/env bash
# The chat benchmark (issue 5): Hearth's real-time hub beside the multi-user chat of ejabberd and
# of Prosody, in one run, on loopback only. Usage: bench/chat.sh [HEARTH] [SEED]   (defaults
# build/hearth, build/hearth_chat_seed; `make bench` builds both). Results and the exact command
# are in docs/benchmarks.md, "Chat".
#
# For each server in turn (Hearth, then each peer of PEERS, default "ejabberd prosody"; "" for
# Hearth alone): PARTICIPANTS clients (default 5,000) in rooms of 10 connect and join their
# room; the server's RSS is read before they connect and after IDLE seconds with all of
# them connected; then bench/chat/loadgen.js offers each rate of RATES (messages a second, spread
# evenly over the people and rooms; each message is delivered to the 10 people of its room, its
# sender included) for WARMUP + MEASURE seconds and reports p50/p99 from send to delivery, the
# server's CPU and RSS. Once it has run WORKLOAD_RATE (the issue's 1,000) it stops after the
# first step whose p99 passes P99_LIMIT ms or that loses deliveries. Each generator run is bounded
# by BUDGET seconds; the servers run on core 0, the generator on core 1. As in bench/schedule.sh,
# a step during which the hypervisor took more than STOLEN_LIMIT percent of core 0 is run again,
# up to ATTEMPTS runs: on this shared machine that time is neither server's doing.
#
# Durability: Hearth runs as shipped on SQLite (WAL, synchronous=FULL: each message committed
# and fsynced before anyone hears of it); ejabberd keeps every room persistent and archives every
# room message with mod_mam on its default Mnesia backend (bench/chat/ejabberd.yml.in); Prosody
# does the same with mod_muc_mam on its internal file store (bench/chat/prosody.cfg.lua.in).
# Neither peer fsyncs a message before delivering it.
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH=${1:-build/hearth}
SEED=${2:-build/hearth_chat_seed}
PARTICIPANTS=${PARTICIPANTS:-5000}
RATES=${RATES:-250,500,750,1000,1250,1500,1750,2000,2500,3000,4000,5000,6000,8000}
WORKLOAD_RATE=${WORKLOAD_RATE:-1000}
WARMUP=${WARMUP:-3}
MEASURE=${MEASURE:-10}
DRAIN=${DRAIN:-5}
IDLE=${IDLE:-10}
P99_LIMIT=${P99_LIMIT:-50}
BUDGET=${BUDGET:-360}     # seconds per generator run, connecting included
STOLEN_LIMIT=${STOLEN_LIMIT:-5}  # percent of core 0 the hypervisor may take from a kept step
ATTEMPTS=${ATTEMPTS:-3}          # runs at most of one step
PEERS=${PEERS-ejabberd prosody}   # "" for Hearth alone
KEEP=${KEEP:-}            # a folder to copy the generator's JSON results into
HEARTH_ARGS=${HEARTH_ARGS:-}   # more options for `hearth serve`, e.g. "--db-threads 8"
PORT=${PORT:-18480}
XMPP_PORT=${XMPP_PORT:-15222}            # ejabberd's client port (and the next one, its own)
PROSODY_PORT=${PROSODY_PORT:-$((XMPP_PORT + 10))}

[ -x "$HEARTH" ] || { echo "chat: build the server first (make build)" >&2; exit 1; }
[ -x "$SEED" ] || {
  echo "chat: build the seed first (cmake --build build --target hearth_chat_seed)" >&2
  exit 1
}
# 5,000 sockets on each side, and the generator holds all of its own in one process; the
# machine's hard limit is 20,000 descriptors a process (shared/DESIGN.md).
ulimit -n 20000

work=$(mktemp -d /tmp/hearth-chat-XXXXXX)
hearth_pid=""
loadgen_pid=""
ejabberd_dir=""
prosody_dir=""
cleanup() {
  [ -z "$loadgen_pid" ] || { kill "$loadgen_pid" 2>/dev/null || true; wait "$loadgen_pid" 2>/dev/null || true; }
  [ -z "$hearth_pid" ] || { kill "$hearth_pid" 2>/dev/null || true; wait "$hearth_pid" 2>/dev/null || true; }
  [ -z "$ejabberd_dir" ] || bench/chat/ejabberd.sh stop "$ejabberd_dir" || true
  [ -z "$prosody_dir" ] || bench/chat/prosody.sh stop "$prosody_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The generator's one package (ws), installed only when the lock file changed since.
if [ ! -f bench/chat/node_modules/.package-lock.json ] ||
  [ bench/chat/package-lock.json -nt bench/chat/node_modules/.package-lock.json ]; then
  (cd bench/chat && npm ci --no-audit --no-fund --silent)
fi

# Runs the generator on core 1 against one server: $1 name, $2 the server's pid, then options.
# `timeout` is the backstop should the generator's own budget fail.
run_load() {
  local name=$1 pid=$2
  shift 2
  taskset -c 1 timeout "$((BUDGET + 60))" node bench/chat/loadgen.js --name "$name" \
    --server-pid "$pid" --participants "$PARTICIPANTS" --rates "$RATES" \
    --workload-rate "$WORKLOAD_RATE" --warmup "$WARMUP" --measure "$MEASURE" --drain "$DRAIN" \
    --idle "$IDLE" --p99-limit "$P99_LIMIT" --budget "$BUDGET" --stolen-limit "$STOLEN_LIMIT" \
    --attempts "$ATTEMPTS" --out "$work/$name.json" "$@" &
  loadgen_pid=$!
  wait "$loadgen_pid"
  loadgen_pid=""
}

started=$(date -u +%Y-%m-%dT%H:%MZ)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "chat: $started, $(nproc) cores ($cpu_model), load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

mkdir -p "$work/hearth"
db="$work/hearth/hearth.db"
taskset -c 0 "$SEED" --db "sqlite://$db" --participants "$PARTICIPANTS" >"$work/tokens.txt"

# The per-person write limit (a burst of 8, then one a second) is raised so that the ramp's
# higher steps are not refused: at 8,000 messages a second each of 5,000 people sends 1.6 a
# second. Everything else is `hearth serve` as shipped, with one I/O thread as in the other
# benchmarks (and the default database threads: eight since 2026-11-25, four before).
taskset -c 0 "$HEARTH" serve --data "$work/hearth" --db "sqlite://$db" --port "$PORT" --threads 1 \
  --log-level warn --reminder-sweep-seconds 0 --chat-burst 60 --chat-per-minute 600 \
  --public-url "http://127.0.0.1:$PORT" $HEARTH_ARGS >/dev/null 2>"$work/hearth.log" &
hearth_pid=$!
for _ in $(seq 1 250); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null && break
  sleep 0.02
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" || { tail -n 20 "$work/hearth.log" >&2; exit 1; }
sleep 3 # the start-up's Argon2id warm-up hands its 64 MiB back (docs/benchmarks.md, "Accounts")
run_load hearth "$hearth_pid" --proto hearth --tokens "$work/tokens.txt" \
  --url "ws://127.0.0.1:$PORT/api/v1/ws" --origin "http://127.0.0.1:$PORT"
# How many chat writes shared each commit (and its fsync) over the whole run (schema.md).
metrics=$(curl -fsS "http://127.0.0.1:$PORT/metrics" || true)
group_commits=$(awk '$1 == "hearth_db_group_commits_total" {print $2}' <<<"$metrics")
group_calls=$(awk '$1 == "hearth_db_group_commit_calls_total" {print $2}' <<<"$metrics")
kill "$hearth_pid"
wait "$hearth_pid" 2>/dev/null || true
hearth_pid=""
# Every acknowledged message must be in the database once the server has stopped.
stored=$(sqlite3 "$db" 'SELECT count(*) FROM chat_messages')

peers=()
archived=""
prosody_archived="" prosody_items="" prosody_sent=""
for peer in $PEERS; do
  case $peer in
    ejabberd)
      ejabberd_dir="$work/ejabberd"
      ejabberd_pid=$(taskset -c 0 bench/chat/ejabberd.sh start "$ejabberd_dir" "$XMPP_PORT")
      sleep 3
      run_load ejabberd "$ejabberd_pid" --proto xmpp --xmpp-port "$XMPP_PORT" --domain localhost
      bench/chat/ejabberd.sh stop "$ejabberd_dir"
      archived=$(du -k "$ejabberd_dir/spool/archive_msg.DAT" | cut -f1)
      ejabberd_dir=""
      peers+=("$work/ejabberd.json")
      ;;
    prosody)
      prosody_dir="$work/prosody"
      prosody_pid=$(taskset -c 0 bench/chat/prosody.sh start "$prosody_dir" "$PROSODY_PORT")
      sleep 3
      run_load prosody "$prosody_pid" --proto xmpp --xmpp-port "$PROSODY_PORT" --domain localhost
      bench/chat/prosody.sh stop "$prosody_dir"
      # The rooms' archives: one file per room, appended to for each message (an item a message).
      prosody_log="$prosody_dir/data/conference%2elocalhost/muc_log"
      prosody_archived=$(du -sk "$prosody_log" | cut -f1)
      prosody_items=$(cat "$prosody_log"/*.list | grep -c '^item(' || true)
      prosody_sent=$(node -e 'console.log(require(process.argv[1]).messages_sent)' "$work/prosody.json")
      prosody_dir=""
      peers+=("$work/prosody.json")
      ;;
    *) echo "chat: unknown peer $peer" >&2; exit 2 ;;
  esac
done
if [ -n "$KEEP" ]; then
  mkdir -p "$KEEP"
  cp "$work/"*.json "$KEEP/"
fi

read -r sent acked < <(node -e 'const r = require(process.argv[1]); console.log(r.messages_sent, r.counters.acks)' "$work/hearth.json")
cat <<HEAD
Run: $started to $(date -u +%H:%MZ), $(nproc) cores ($cpu_model), load after: $(cut -d' ' -f1-3 /proc/loadavg). $PARTICIPANTS clients in rooms of 10 per server; steps of ${WARMUP} s warm-up + ${MEASURE} s measured (+ up to ${DRAIN} s for late deliveries); servers on core 0, bench/chat/loadgen.js (Node $(node --version)) on core 1.
Hearth: the generator sent $sent messages and had $acked acks; $stored messages were in chat_messages after the server stopped (SQLite, WAL, synchronous=FULL).${group_commits:+ Group commit: ${group_calls} chat writes shared ${group_commits} commits; the other writes committed alone.}${archived:+ ejabberd: its Mnesia archive (archive_msg.DAT) held ${archived} kB after it stopped.}${prosody_archived:+ Prosody: the generator sent ${prosody_sent} messages; its room archives (muc_log/, a file a room) held ${prosody_items} of them, ${prosody_archived} kB, after it stopped.}

HEAD
node bench/chat/report.js "$work/hearth.json" "${peers[@]}"
