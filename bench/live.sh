#!/usr/bin/env bash
# The live-session benchmark (issue 6): joining a session through the web app, in mesh mode and
# with Janus, on loopback only. Usage: bench/live.sh [HEARTH]   (default build/hearth; a Release
# build for figures). Results and the exact command are in docs/benchmarks.md, "Live sessions".
#
# bench/live/join.mjs runs each mode: RUNS rounds (default 10) in which MESH_PEOPLE (4) or
# JANUS_PEOPLE (8) demo accounts join one session in headless Chromium with fake media, one
# browser process each, and reports p50/p95 from the click on "Join" (admission is automatic) to
# the first decoded remote frame and to frames from everyone, the session's WebSocket frames and
# bytes per join, and the server's (and Janus's) CPU and memory per person over IDLE seconds of a
# quiet session. Janus runs from scripts/janus.sh with the project's configuration.
set -euo pipefail
cd "$(dirname "$0")/.."

HEARTH=${1:-build/hearth}
RUNS=${RUNS:-10}
MESH_PEOPLE=${MESH_PEOPLE:-4}
JANUS_PEOPLE=${JANUS_PEOPLE:-8}
IDLE=${IDLE:-10}
MODES=${MODES:-mesh,janus}

[ -x "$HEARTH" ] || { echo "live.sh: $HEARTH is not an executable" >&2; exit 1; }
[ -f web/dist/index.html ] || (cd web && npm run build --silent)

work=$(mktemp -d /tmp/hearth-live-bench.XXXXXX)
cleanup() {
  scripts/janus.sh stop "$work/janus" >/dev/null 2>&1 || true
  rm -rf -- "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(chromium --version 2>/dev/null); $(janus --version 2>/dev/null | head -1)"
for mode in ${MODES//,/ }; do
  case $mode in
    mesh)
      timeout 900 node bench/live/join.mjs --mode mesh --people "$MESH_PEOPLE" --runs "$RUNS" \
        --idle "$IDLE" --hearth "$HEARTH" --work "$work" ;;
    janus)
      scripts/janus.sh start "$work/janus" --port 0 >/dev/null
      timeout 1200 node bench/live/join.mjs --mode janus --people "$JANUS_PEOPLE" --runs "$RUNS" \
        --idle "$IDLE" --hearth "$HEARTH" --work "$work" --janus-dir "$work/janus"
      scripts/janus.sh stop "$work/janus" ;;
    *) echo "live.sh: unknown mode $mode" >&2; exit 2 ;;
  esac
done
