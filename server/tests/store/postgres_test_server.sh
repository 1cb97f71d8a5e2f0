#!/usr/bin/env bash
# Starts and stops the throwaway PostgreSQL 15 server the store conformance suite runs against.
#
#   postgres_test_server.sh start STATE_DIR   initdb in a fresh /tmp folder, start on 127.0.0.1
#                                             on a free port, write the URL to STATE_DIR/url
#   postgres_test_server.sh stop STATE_DIR    stop that server and delete its folder
#
# CTest runs `start` as a FIXTURES_SETUP test and `stop` as FIXTURES_CLEANUP (which also runs
# when tests fail). On any failure `start` exits non-zero with the reason on stderr, so the
# PostgreSQL cases are reported as not run because of a failed fixture, never silently skipped.
#
# The binaries are Debian's postgresql-15 ones, by full path: other programs named initdb or
# pg_ctl may be on PATH. PostgreSQL refuses to run as root, so as root the server runs as the
# `postgres` OS user, which then owns the temporary folder.
set -euo pipefail

pg_bin=${HEARTH_PG_BIN:-/usr/lib/postgresql/15/bin}

fail() {
  echo "postgres_test_server: $*" >&2
  exit 1
}

run_as_postgres() {
  if [[ $(id -u) == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop_server() {
  local state=$1
  [[ -f $state/dir ]] || return 0
  local dir
  dir=$(<"$state/dir")
  if [[ -f $dir/data/postmaster.pid ]]; then
    # Immediate mode: the data is thrown away, so there is nothing to flush.
    (cd "$dir" && run_as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop) >/dev/null ||
      echo "postgres_test_server: pg_ctl stop failed for $dir" >&2
  fi
  case $dir in
    /tmp/hearth-pg.*) rm -rf -- "$dir" ;;
  esac
  rm -f -- "$state/dir" "$state/url"
}

start_server() {
  local state=$1
  mkdir -p "$state"
  stop_server "$state"  # a server left over from an interrupted run

  [[ -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] ||
    fail "PostgreSQL 15 server binaries not found in $pg_bin (install the Debian package postgresql-15)"
  if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || fail "running as root but there is no 'postgres' OS user to run the server as"
  fi

  local dir
  dir=$(mktemp -d /tmp/hearth-pg.XXXXXX)
  echo "$dir" >"$state/dir"
  mkdir "$dir/sock"
  local password
  password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  printf '%s\n' "$password" >"$dir/pwfile"
  chmod 600 "$dir/pwfile"
  [[ $(id -u) == 0 ]] && chown -R postgres:postgres "$dir"

  # A password on TCP (scram) so that the suite checks real redaction of a real secret.
  if ! (cd "$dir" && run_as_postgres "$pg_bin/initdb" -D "$dir/data" -U hearth --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync) \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    fail "initdb failed (output above)"
  fi
  rm -f "$dir/pwfile"

  # fsync and full-page writes off: this cluster is thrown away after the run, and the suite
  # must stay fast on 2 shared cores. Never use these settings for a real database.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "$port" && continue
    if (cd "$dir" && run_as_postgres "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-h 127.0.0.1 -p $port -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start) >/dev/null; then
      local url="postgresql://hearth:$password@127.0.0.1:$port/postgres"
      (umask 077 && echo "$url" >"$state/url")
      echo "PostgreSQL test server listening on 127.0.0.1:$port (data in $dir)"
      return 0
    fi
    echo "postgres_test_server: start attempt $attempt on port $port failed" >&2
  done
  tail -n 20 "$dir/server.log" >&2 || true
  fail "could not start PostgreSQL (server log above)"
}

[[ $# == 2 ]] || fail "usage: $0 start|stop STATE_DIR"
case $1 in
  start) start_server "$2" ;;
  stop) stop_server "$2" ;;
  *) fail "usage: $0 start|stop STATE_DIR" ;;
esac
