#!/usr/bin/env bash
# A real coturn accepts the TURN credentials Hearth makes and refuses tampered and expired ones.
#
#   turn_coturn_test.sh CREDENTIAL_TOOL COTURN_SH
#
# COTURN_SH (scripts/coturn.sh) starts coturn on a free loopback port with a fresh shared secret;
# CREDENTIAL_TOOL (hearth_turn_credential) computes credentials from that secret with
# crypto::turn_credential; turnutils_uclient (from the coturn package) allocates relays with them
# and, for the good credential, sends a message through the relays (-y: two clients, each the
# other's peer). Without coturn installed this test FAILS: CI installs it (scripts/setup.sh test).
# Ends with "N passed, N failed".
set -uo pipefail

tool=${1:?usage: turn_coturn_test.sh CREDENTIAL_TOOL COTURN_SH}
coturn_sh=${2:?usage: turn_coturn_test.sh CREDENTIAL_TOOL COTURN_SH}

passed=0
failed=0
pass() {
  echo "PASS: $*"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}
finish() {
  echo "$passed passed, $failed failed"
  [[ $failed == 0 ]]
  exit
}

for program in turnserver turnutils_uclient; do
  if ! command -v "$program" >/dev/null; then
    fail "$program not found: install the Debian package coturn (scripts/setup.sh test)"
    finish
  fi
done
[[ -x $tool ]] || {
  fail "credential tool $tool not built"
  finish
}

data=$(mktemp -d /tmp/hearth-turn.XXXXXX)
# shellcheck disable=SC2317  # run by the trap
cleanup() {
  bash "$coturn_sh" stop "$data" >/dev/null 2>&1
  rm -rf -- "$data"
}
trap cleanup EXIT

if ! bash "$coturn_sh" start "$data" --port 0; then
  fail "coturn did not start"
  finish
fi
port=$(<"$data/port")

# Sets `user` and `pass_word` from the credential tool: SECRET_FILE TTL [NOW].
credential() {
  local out
  out=$("$tool" "$1" "test-join_01" "${@:2}") || return 1
  user=$(sed -n 1p <<<"$out")
  pass_word=$(sed -n 2p <<<"$out")
}

# coturn's log lines refusing USER (it logs every refused authentication, whatever the reason).
refusals_logged() {
  grep -c -F "Cannot find credentials of user <$1>" "$data/turnserver.log"
}

# Allocates relays as USER with PASSWORD; sets `output`, `attempted_user` and `refusals_before`,
# and returns uclient's exit status.
allocate() {
  attempted_user=$1
  refusals_before=$(refusals_logged "$1")
  output=$(timeout 15 turnutils_uclient -y -c -n 1 -e 127.0.0.1 -p "$port" -u "$1" -w "$2" \
    127.0.0.1 2>&1)
}

accepted() {
  # Both clients allocated, and every message sent through the relays arrived.
  [[ $1 == 0 ]] && ! grep -q "ERROR" <<<"$output" &&
    grep -E -q 'tot_send_msgs=([1-9][0-9]*), tot_recv_msgs=\1$' <<<"$output"
}

# uclient gave up, and coturn says it refused the credential (not that the network failed).
refused() {
  [[ $1 != 0 ]] && grep -q "Cannot complete Allocation" <<<"$output" || return 1
  for _ in $(seq 20); do
    (($(refusals_logged "$attempted_user") > refusals_before)) && return 0
    sleep 0.1
  done
  return 1
}

show_output() {
  tail -n 15 <<<"$output" | while IFS= read -r line; do echo "    uclient: $line"; done
}

now=$(date +%s)

if credential "$data/turn-secret" 600; then
  allocate "$user" "$pass_word"
  status=$?
  if accepted "$status"; then
    pass "a fresh credential allocates a relay and relays data (uclient exit $status)"
  else
    fail "a fresh credential was not accepted (uclient exit $status)"
    show_output
  fi
  good_user=$user
  good_pass=$pass_word

  # One character of the credential changed.
  first=${good_pass:0:1}
  [[ $first == A ]] && other=B || other=A
  allocate "$good_user" "$other${good_pass:1}"
  status=$?
  if refused "$status"; then
    pass "a tampered credential is refused (uclient exit $status)"
  else
    fail "a tampered credential was not refused (uclient exit $status)"
    show_output
  fi

  # The same credential with a later expiry written into the username.
  expiry=${good_user%%:*}
  allocate "$((expiry + 3600)):${good_user#*:}" "$good_pass"
  status=$?
  if refused "$status"; then
    pass "a username with its expiry pushed back is refused (uclient exit $status)"
  else
    fail "a username with its expiry pushed back was not refused (uclient exit $status)"
    show_output
  fi
else
  fail "the credential tool failed"
fi

# Another secret than coturn's.
printf '%s' "0123456789abcdef0123456789abcdef" >"$data/other-secret"
if credential "$data/other-secret" 600; then
  allocate "$user" "$pass_word"
  status=$?
  if refused "$status"; then
    pass "a credential made with another secret is refused (uclient exit $status)"
  else
    fail "a credential made with another secret was not refused (uclient exit $status)"
    show_output
  fi
else
  fail "the credential tool failed"
fi

# Made an hour ago with a minute to live: its HMAC is right, its time is over (coturn compares the
# expiry in the username with its clock).
if credential "$data/turn-secret" 60 "$((now - 3600))"; then
  allocate "$user" "$pass_word"
  status=$?
  # Same secret, same tool, same label as the accepted one: only the time can be the reason.
  if refused "$status"; then
    pass "an expired credential is refused (uclient exit $status)"
  else
    fail "an expired credential was not refused (uclient exit $status)"
    show_output
  fi
else
  fail "the credential tool failed"
fi

finish
