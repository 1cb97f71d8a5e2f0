#!/usr/bin/env bash
# Starts and stops the chat benchmark's own Prosody (bench/chat.sh): configuration, file store
# (rooms and their archives), pidfile and log all in one folder the caller made, client port on
# 127.0.0.1 only, run as the current user (never the system service nor its /etc/prosody).
#   bench/chat/prosody.sh start DIR PORT   prints the pid of the Prosody process when its client
#                                          port answers (at most 60 s)
#   bench/chat/prosody.sh stop DIR         ends that process and waits for it (at most 30 s)
# Prosody runs in the foreground mode (-F) in the background of this script, so the pid is the
# Lua interpreter's itself, not a daemon's; the caller pins it by running this under taskset (the
# process inherits the affinity). Prosody is one thread.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?start or stop}
dir=${2:?folder}

case $cmd in
  start)
    port=${3:?port}
    # certs/ stays empty (no TLS); Prosody only complains when it is missing.
    mkdir -p "$dir/data" "$dir/certs"
    dir=$(cd "$dir" && pwd)
    sed -e "s|@PORT@|$port|; s|@DIR@|$dir|g" "$here/prosody.cfg.lua.in" >"$dir/prosody.cfg.lua"
    # Detached from this script's stdout, which the caller reads for the pid.
    prosody --config "$dir/prosody.cfg.lua" -F </dev/null >"$dir/console.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/prosody.pid.launched"
    # Up when the client port answers. At most 60 s.
    for _ in $(seq 1 300); do
      if ! kill -0 "$pid" 2>/dev/null; then
        break
      fi
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "$pid"
        exit 0
      fi
      sleep 0.2
    done
    echo "prosody: did not start" >&2
    tail -n 30 "$dir/console.log" "$dir/prosody.log" >&2 2>/dev/null || true
    kill "$pid" 2>/dev/null || true
    exit 1
    ;;
  stop)
    [ -s "$dir/prosody.pid.launched" ] || exit 0
    pid=$(cat "$dir/prosody.pid.launched")
    rm -f "$dir/prosody.pid.launched"
    # SIGTERM makes Prosody shut down in order: rooms saved, connections closed, pidfile removed.
    kill "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || exit 0
      sleep 0.2
    done
    echo "prosody: did not stop in 30 s; killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
