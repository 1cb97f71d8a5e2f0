#!/usr/bin/env bash
# Runs coturn (Debian package `coturn`, binary turnserver) on loopback with Hearth's shared-secret
# configuration (deploy/coturn/turnserver.conf), for development and for the tests.
#
#   scripts/coturn.sh start DATA_DIR [--port PORT] [--relay-ports MIN-MAX]
#       in the background; returns once coturn accepts connections
#   scripts/coturn.sh run DATA_DIR [--port PORT] [--relay-ports MIN-MAX]
#       in the foreground, logging to the terminal (Ctrl-C stops it)
#   scripts/coturn.sh stop DATA_DIR
#       stops the coturn that `start` left running for DATA_DIR (nothing to do if there is none)
#
# PORT defaults to 3479 (not coturn's 3478, so a system coturn does not get in the way); 0 picks a
# free one. The relay ports default to the configuration's (50000-50999). DATA_DIR holds:
#   turn-secret      the shared secret, 64 hex characters, made on first use (mode 600); give
#                    the same file to Hearth
#   turnserver.conf  the configuration coturn runs with, secret included (mode 600): the secret
#                    stays out of the process list
#   turnserver.pid, turnserver.log (`start` only), turndb (coturn opens a user database even when
#                    it has no users)
#   port             the port coturn listens on (UDP and TCP, 127.0.0.1)
# `start` and `run` print the secret file's path, then the address.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
template=$repo/deploy/coturn/turnserver.conf
turnserver=${HEARTH_TURNSERVER:-turnserver}

service_name=coturn.sh
# shellcheck source=scripts/lib/loopback_service.sh
source "$repo/scripts/lib/loopback_service.sh"

usage() {
  fail "usage: $0 start|run DATA_DIR [--port PORT] [--relay-ports MIN-MAX] | stop DATA_DIR"
}

running_server() {
  running_pid "$1/turnserver.pid" turnserver
}

stop_server() {
  stop_pid "$1/turnserver.pid" turnserver 5
  rm -f -- "$1/port"
}

# Makes DATA_DIR/turn-secret if it is absent; refuses one coturn could not use.
ensure_secret() {
  local file=$1/turn-secret secret
  if [[ ! -s $file ]]; then
    secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '%s' "$secret" >"$file.new")
    mv -f -- "$file.new" "$file"
  fi
  chmod 600 "$file"
  secret=$(tr -d '\n' <"$file")
  [[ $secret =~ ^[!-~]+$ ]] ||
    fail "$file must hold one line of printable ASCII without spaces (the shared secret)"
}

# The template's lines in force, minus the keys this script sets, then this run's values.
write_config() {
  local data=$1 port=$2 relay_min=$3 relay_max=$4 log=$5 secret
  local keys="listening-port|pidfile|log-file|simple-log|userdb|static-auth-secret"
  [[ -n $relay_min ]] && keys+="|min-port|max-port"
  secret=$(tr -d '\n' <"$data/turn-secret")
  (
    umask 077
    {
      echo "# Made by scripts/coturn.sh from deploy/coturn/turnserver.conf; holds the secret."
      grep -v -E '^[[:space:]]*(#|$)' "$template" | grep -v -E "^($keys)([=[:space:]]|\$)"
      echo "listening-port=$port"
      if [[ -n $relay_min ]]; then
        echo "min-port=$relay_min"
        echo "max-port=$relay_max"
      fi
      echo "pidfile=$data/turnserver.pid"
      echo "log-file=$log"
      echo "simple-log"
      echo "userdb=$data/turndb"
      echo "static-auth-secret=$secret"
    } >"$data/turnserver.conf.new"
  )
  mv -f -- "$data/turnserver.conf.new" "$data/turnserver.conf"
}

start_server() {
  local mode=$1 data=$2
  shift 2
  local port=3479 relay_min="" relay_max=""
  while [[ $# -gt 0 ]]; do
    case $1 in
      --port)
        [[ ${2:-} =~ ^[0-9]+$ ]] || usage
        port=$2
        shift 2
        ;;
      --relay-ports)
        [[ ${2:-} =~ ^([0-9]+)-([0-9]+)$ ]] || usage
        relay_min=${BASH_REMATCH[1]}
        relay_max=${BASH_REMATCH[2]}
        shift 2
        ;;
      *) usage ;;
    esac
  done

  command -v "$turnserver" >/dev/null ||
    fail "turnserver not found (install the Debian package coturn: scripts/setup.sh test)"
  [[ -f $template ]] || fail "missing $template"
  [[ -d $data ]] || (umask 077 && mkdir -p "$data")
  data=$(cd "$data" && pwd)
  local running
  running=$(running_server "$data")
  [[ -z $running ]] ||
    fail "a turnserver started for $data is still running (pid $running); run: $0 stop $data"

  [[ $port == 0 ]] && port=$(pick_port)
  port_in_use "$port" && fail "127.0.0.1:$port is already in use (choose another with --port, or 0)"

  ensure_secret "$data"
  rm -f -- "$data/turnserver.pid"
  echo "$port" >"$data/port"
  echo "coturn.sh: shared secret in $data/turn-secret"

  if [[ $mode == run ]]; then
    write_config "$data" "$port" "$relay_min" "$relay_max" stdout
    echo "coturn.sh: turnserver on 127.0.0.1:$port (UDP and TCP)"
    exec "$turnserver" -c "$data/turnserver.conf"
  fi

  write_config "$data" "$port" "$relay_min" "$relay_max" "$data/turnserver.log"
  # Nothing on stdout or stderr: an inherited pipe would keep a caller (CTest) waiting.
  "$turnserver" -c "$data/turnserver.conf" --no-stdout-log </dev/null >/dev/null 2>&1 &
  local pid=$!
  echo "$pid" >"$data/turnserver.pid"
  for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$data/turnserver.log" >&2 || true
      rm -f -- "$data/turnserver.pid" "$data/port"
      fail "turnserver exited at start (its log above)"
    fi
    if port_in_use "$port"; then
      echo "coturn.sh: turnserver $pid on 127.0.0.1:$port (UDP, TCP); log: $data/turnserver.log"
      return 0
    fi
    sleep 0.1
  done
  stop_server "$data"
  tail -n 20 "$data/turnserver.log" >&2 || true
  fail "turnserver did not listen on 127.0.0.1:$port within 10 s (its log above)"
}

[[ $# -ge 2 ]] || usage
command=$1
data=$2
shift 2
case $command in
  start | run) start_server "$command" "$data" "$@" ;;
  stop)
    [[ $# -eq 0 ]] || usage
    stop_server "$data"
    ;;
  *) usage ;;
esac
