#!/usr/bin/env bash
# Generates rpcclient-smb1-smb2.pcap: Samba's rpcclient talking to a standalone smbd inside a
# private network namespace (loopback only; nothing leaves the machine). Two clients:
#  1. SMB2/3 (IOCTL pipe transceive with interim STATUS_PENDING): enumdomusers, netsessenum, srvinfo
#  2. SMB1 NT LM 0.12 (impacket, smb1-rpc.py; Samba 4.17's rpcclient would not go below SMB2):
#     samr EnumerateUsersInDomain and srvsvc NetrSessionEnum over SMB1 pipes
# usage (root): test/smb/captures/make-capture.sh [OUT]   needs: samba, smbclient, tcpdump, iproute2, python3-impacket
set -euo pipefail
out=$(realpath -m "${1:-$(dirname "$0")/rpcclient-smb1-smb2.pcap}")
ns=rl-smb1-gen
work=$(mktemp -d /tmp/rl-smb1.XXXXXX)
cleanup() {
  [ -n "${tcpdump_pid:-}" ] && kill "$tcpdump_pid" 2>/dev/null || true
  # smbd leads its own process group (children per connection); samba-dcerpcd detaches into
  # another one, but stays in this script's namespace: end both by id.
  [ -n "${smbd_pid:-}" ] && kill -- "-$smbd_pid" 2>/dev/null || true
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ip netns del "$ns" 2>/dev/null || true
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
mkdir -p "$work"/{private,lock,state,cache,pid,log}
cat > "$work/smb.conf" <<CONF
[global]
  workgroup = RLAB
  netbios name = RLSRV
  server role = standalone server
  server min protocol = NT1
  ntlm auth = yes
  passdb backend = smbpasswd:$work/private/smbpasswd
  private dir = $work/private
  lock directory = $work/lock
  state directory = $work/state
  cache directory = $work/cache
  pid directory = $work/pid
  log file = $work/log/%m.log
  interfaces = lo
  bind interfaces only = yes
  disable spoolss = yes
  load printers = no
CONF
printf 'Secret123\nSecret123\n' | smbpasswd -c "$work/smb.conf" -a -s nobody >/dev/null
ip netns exec "$ns" tcpdump -Z root -i lo -s 0 -U -w "$out" 'tcp port 445' 2>/dev/null &
tcpdump_pid=$!
ip netns exec "$ns" smbd -F --configfile="$work/smb.conf" -d0 &
smbd_pid=$!
for _ in $(seq 50); do ip netns exec "$ns" bash -c 'exec 3<>/dev/tcp/127.0.0.1/445' 2>/dev/null && break; sleep 0.2; done
client() { # rpcclient commands, then extra options
  local cmds=$1; shift
  ip netns exec "$ns" rpcclient --configfile="$work/smb.conf" -U 'nobody%Secret123' "$@" -c "$cmds" 127.0.0.1
}
client 'enumdomusers; netsessenum; srvinfo'
ip netns exec "$ns" /usr/bin/python3 "$(dirname "$0")/smb1-rpc.py" 127.0.0.1 nobody Secret123
sleep 1
