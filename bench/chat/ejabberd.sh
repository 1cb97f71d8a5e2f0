#!/usr/bin/env bash
# Starts and stops the chat benchmark's own ejabberd node (bench/chat.sh): configuration, Mnesia
# spool and logs all in one folder the caller made, client port on 127.0.0.1 only, run as the
# current user (never the system service, never the package's `ejabberd` account).
#   bench/chat/ejabberd.sh start DIR PORT   prints the pid of the node's beam.smp when it is up
#   bench/chat/ejabberd.sh stop DIR         ends that node and waits for it (at most 30 s)
# The caller pins the node by running this under taskset: the VM inherits the affinity and
# starts one scheduler per core it may use.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?start or stop}
dir=${2:?folder}

case $cmd in
  start)
    port=${3:?port}
    mkdir -p "$dir/spool" "$dir/logs"
    # The Erlang distribution listens on a fixed port beside the client port instead of
    # registering with epmd: epmd would be a daemon outliving the run.
    sed -e "s|@PORT@|$port|; s|@HOST@|localhost|g" "$here/ejabberd.yml.in" >"$dir/ejabberd.yml"
    sed -e "s|@DIR@|$dir|; s|@DIST_PORT@|$((port + 1))|" "$here/ejabberdctl.cfg.in" \
      >"$dir/ejabberdctl.cfg"
    cp /etc/ejabberd/inetrc "$dir/inetrc"
    # Debian's ejabberdctl runs the node as the package's user when called by root, and refuses
    # anyone else; a copy with no install user runs it as whoever runs the benchmark.
    sed -e 's/^INSTALLUSER=.*/INSTALLUSER=/' /usr/sbin/ejabberdctl >"$dir/ejabberdctl"
    chmod +x "$dir/ejabberdctl"
    SCRIPT=/usr/sbin/ejabberdctl "$dir/ejabberdctl" --config-dir "$dir" \
      --config "$dir/ejabberd.yml" --ctl-config "$dir/ejabberdctl.cfg" --logs "$dir/logs" \
      --spool "$dir/spool" --node ejabberd-bench@localhost start 2>"$dir/logs/start.err"
    # Up when the client port answers: polled rather than asked with `ejabberdctl status`, which
    # starts an Erlang VM of its own each time. At most 60 s.
    for _ in $(seq 1 300); do
      if [ -s "$dir/ejabberd.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        cat "$dir/ejabberd.pid"
        exit 0
      fi
      sleep 0.2
    done
    echo "ejabberd: did not start" >&2
    tail -n 30 "$dir/logs/"* >&2 || true
    exit 1
    ;;
  stop)
    [ -s "$dir/ejabberd.pid" ] || exit 0
    pid=$(cat "$dir/ejabberd.pid")
    # SIGTERM makes the Erlang VM stop its applications in order (Mnesia closes its tables).
    kill "$pid" 2>/dev/null || exit 0
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || { rm -f "$dir/ejabberd.pid"; exit 0; }
      sleep 0.2
    done
    echo "ejabberd: did not stop in 30 s; killing it" >&2
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/ejabberd.pid"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
