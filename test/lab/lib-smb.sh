# Helpers for the SMB/RPC scenarios (sourced by scenarios/*.sh through their run()).
# hold_session HOSTFN USER PASS SECONDS: an SMB session to the DC's public share kept open in the
# background (smbclient reading commands from a pipe that stays open), so that NetrSessionEnum
# has other users' sessions to return.
hold_session() {
  local host=$1 user=$2 pass=$3 secs=$4
  ( sleep "$secs" | $host smbclient -s "$(clientconf "$host")" "//$DC_IP/public" -U "$user%$pass" \
      >/dev/null 2>&1 & )
}
rpc() {  # rpc HOSTFN USER PASS 'commands' [extra rpcclient options...]
  local host=$1 user=$2 pass=$3 cmds=$4; shift 4
  $host rpcclient -s "$(clientconf "$host")" -U "$user%$pass" "$@" -c "$cmds" "$DC_IP"
}
