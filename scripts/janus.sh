#!/usr/bin/env bash
# Runs Janus (Debian package `janus`) on loopback with Hearth's configuration (deploy/janus/), as
# the SFU of live sessions in Janus mode, for development and for the tests.
#
#   scripts/janus.sh start DATA_DIR [--port PORT] [--rtp-ports MIN-MAX]
#       in the background; returns once Janus answers on its HTTP API
#   scripts/janus.sh run DATA_DIR [--port PORT] [--rtp-ports MIN-MAX]
#       in the foreground, logging to the terminal (Ctrl-C stops it)
#   scripts/janus.sh stop DATA_DIR
#       stops the Janus that `start` left running for DATA_DIR (nothing to do if there is none)
#
# PORT defaults to 8089 (not Janus's 8088, so a system Janus does not get in the way); 0 picks a
# free one. The media ports default to 40000-40999. DATA_DIR holds:
#   janus-api-secret  the API secret every request must carry, made on first use (mode 600);
#                     give the same file to Hearth (--janus-secret-file)
#   janus-admin-key   the VideoRoom key a room's creation must carry (mode 600); Hearth reads it
#                     from the same folder (--janus-admin-key-file)
#   janus-conf/       the configuration Janus runs with, secrets included (mode 700)
#   janus.pid, janus.log (`start` only), janus-port
# `start` and `run` print the API's URL last.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
templates=$repo/deploy/janus
janus=${HEARTH_JANUS:-janus}

service_name=janus.sh
# shellcheck source=scripts/lib/loopback_service.sh
source "$repo/scripts/lib/loopback_service.sh"

usage() {
  fail "usage: $0 start|run DATA_DIR [--port PORT] [--rtp-ports MIN-MAX] | stop DATA_DIR"
}

running_server() {
  running_pid "$1/janus.pid" janus
}

stop_server() {
  stop_pid "$1/janus.pid" janus 10
  rm -f -- "$1/janus-port"
}

# A secret of 64 hex characters in DATA_DIR/NAME, made if absent.
ensure_secret() {
  local file=$1/$2
  if [[ ! -s $file ]]; then
    (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$file.new")
    mv -f -- "$file.new" "$file"
  fi
  chmod 600 "$file"
  [[ $(<"$file") =~ ^[0-9a-zA-Z_-]+$ ]] || fail "$file must hold one word of letters and digits"
}

command=${1:-}
data=${2:-}
[[ -n $command && -n $data ]] || usage
shift 2

if [[ $command == stop ]]; then
  stop_server "$data"
  exit 0
fi
[[ $command == start || $command == run ]] || usage

port=8089
rtp_ports=40000-40999
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=${2:?}; shift 2 ;;
    --rtp-ports) rtp_ports=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
[[ $port =~ ^[0-9]+$ ]] || fail "--port must be a number"
[[ $rtp_ports =~ ^[0-9]+-[0-9]+$ ]] || fail "--rtp-ports must be MIN-MAX"
command -v "$janus" >/dev/null || fail "janus is not installed (Debian package janus; scripts/setup.sh installs it)"

mkdir -p -- "$data"
data=$(cd "$data" && pwd)
[[ -z $(running_server "$data") ]] || fail "a Janus started for $data is still running; stop it first"
[[ $port == 0 ]] && port=$(pick_port)
port_in_use "$port" && fail "port $port on 127.0.0.1 is in use"

ensure_secret "$data" janus-api-secret
ensure_secret "$data" janus-admin-key
conf=$data/janus-conf
rm -rf -- "$conf"
(umask 077 && mkdir -p -- "$conf")
for template in "$templates"/*.jcfg; do
  sed -e "s|@CONFIGS@|$conf|" \
      -e "s|@API_SECRET@|$(<"$data/janus-api-secret")|" \
      -e "s|@ADMIN_KEY@|$(<"$data/janus-admin-key")|" \
      -e "s|@HTTP_PORT@|$port|" \
      -e "s|@RTP_PORTS@|$rtp_ports|" \
      "$template" >"$conf/$(basename "$template")"
done
url="http://127.0.0.1:$port/janus"

if [[ $command == run ]]; then
  echo "$url"
  exec "$janus" --configs-folder="$conf" --config="$conf/janus.jcfg" --disable-colors
fi

# Nothing on stdout or stderr: an inherited pipe would keep a caller (CTest, popen) waiting.
"$janus" --configs-folder="$conf" --config="$conf/janus.jcfg" --disable-colors \
  </dev/null >"$data/janus.log" 2>&1 &
pid=$!
echo "$pid" >"$data/janus.pid"
echo "$port" >"$data/janus-port"
# Janus answers `info` without the secret once its HTTP transport is up. Whether it still runs
# is asked of the pid itself: on a busy machine the child may not have become `janus` yet.
for _ in $(seq 100); do
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$data/janus.log" >&2
    fail "janus exited at start (its log: $data/janus.log)"
  fi
  if curl -fsS --max-time 1 "$url/info" >/dev/null 2>&1; then
    echo "$url"
    exit 0
  fi
  sleep 0.1
done
stop_server "$data"
fail "janus did not answer on $url within 10 s (its log: $data/janus.log)"
