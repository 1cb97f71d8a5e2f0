#!/usr/bin/env bash
# Installs what Hearth needs on Debian 12 and is missing, then the web app's npm packages.
#   scripts/setup.sh run    build and run the server and web app
#   scripts/setup.sh test   also PostgreSQL, Chromium, clang-16, coturn and Janus (for the test suites)
#   scripts/setup.sh bench  also wrk, nginx, PostgreSQL, ejabberd and Prosody (for bench/)
# Safe to run again: it installs only what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-run}"
packages=(g++ cmake make pkg-config git ca-certificates
  libboost-dev libboost-system-dev libssl-dev nlohmann-json3-dev libsodium-dev
  libspdlog-dev libfmt-dev libcli11-dev libsqlite3-dev libpq-dev libgtest-dev libgmock-dev
  libicu-dev libical-dev libhowardhinnant-date-dev zlib1g-dev tzdata libmagic-dev
  nodejs npm)
case "$profile" in
  run) ;;
  test) packages+=(clang-format postgresql-15 chromium clang-16 libclang-rt-16-dev openssl
    python3-icalendar coturn janus curl) ;;
  bench) packages+=(wrk nginx-light procps curl python3 gcc pkg-config libsodium-dev
    postgresql-15 ejabberd prosody sqlite3) ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from another source than Debian (a newer Node); accept the commands.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Vite 8 needs Node.js 20.19 or newer (web/package.json "engines").
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "setup: the web app's build tools need Node.js 20.19 or newer; this machine has $(node --version)." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund)
fi
echo "setup: ready ($profile)"
