# shellcheck shell=bash
# Shared by scripts/coturn.sh and scripts/janus.sh: a service of the project's own, run in the
# background on loopback and tracked by a pid file. Source it after setting `service_name` (the
# name errors start with).

fail() {
  echo "${service_name:?}: $*" >&2
  exit 1
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port between 20000 and 39999 nothing listens on (for `--port 0`).
pick_port() {
  local port
  for _ in $(seq 20); do
    port=$((20000 + RANDOM % 20000))
    port_in_use "$port" || {
      echo "$port"
      return 0
    }
  done
  fail "no free port found between 20000 and 39999"
}

# running_pid PID_FILE COMMAND: the pid in PID_FILE if that process is still COMMAND, else
# nothing: a pid file left by a crash may name an unrelated process by now.
running_pid() {
  local pid_file=$1 command=$2 pid
  [[ -f $pid_file ]] || return 0
  pid=$(<"$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$command" ]] && echo "$pid"
  return 0
}

# stop_pid PID_FILE COMMAND SECONDS: SIGTERM, then SIGKILL after SECONDS; removes PID_FILE.
stop_pid() {
  local pid_file=$1 command=$2 seconds=$3 pid
  pid=$(running_pid "$pid_file" "$command")
  if [[ -n $pid ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq $((seconds * 10))); do
      [[ -d /proc/$pid ]] || break
      sleep 0.1
    done
    if [[ -d /proc/$pid ]]; then
      echo "$service_name: $command $pid ignored SIGTERM for $seconds s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f -- "$pid_file"
}
