#!/usr/bin/env bash
# Capture for a lab scenario.
#
#   capture.sh start NAME [span|dc-any]   begin capturing
#   capture.sh stop  NAME OUT             stop, merge and write OUT (pcap, microsecond, or as captured)
#
# span (default): a SPAN port on the lab switch. One tcpdump per switch port in rl-sw, each with
#   `-Q in` (only frames the host sends into the switch), so every frame on the segment is written
#   exactly once; mergecap merges them in time order into one Ethernet pcap. Traffic to and from the
#   DC is exactly what `tcpdump -i eth0` in the DC's namespace would see; traffic between other
#   hosts (a workstation asking the secondary DNS server for a zone transfer) is there too.
# dc-any: `tcpdump -i any` inside the DC's namespace: Linux cooked v2 (SLL2) link type.
set -euo pipefail
source "$(dirname "$0")/lab.env"
cmd=${1:?start|stop}; name=${2:?name}
dir="$LAB_WORK/cap-$name"; mkdir -p "$LAB_WORK/pids"

wait_listening() { local f=$1 i; for i in $(seq 1 50); do grep -q 'listening on' "$f" 2>/dev/null && return; sleep 0.1; done; echo "tcpdump did not start: $(cat "$f")" >&2; exit 1; }

case $cmd in
  start)
    mode=${3:-span}; rm -rf "$dir"; mkdir -p "$dir"; echo "$mode" >"$dir/mode"
    if [ "$mode" = dc-any ]; then
      ip netns exec "$NS_DC" tcpdump -i any -U -n -w "$dir/dc-any.pcap" 2>"$dir/dc-any.err" &
      echo $! >"$LAB_WORK/pids/cap-$name-dc-any.pid"; wait_listening "$dir/dc-any.err"
    else
      for port in sw-dc sw-ws sw-atk sw-ns2; do
        ip netns exec "$NS_SW" tcpdump -i "$port" -Q in -U -n -w "$dir/$port.pcap" 2>"$dir/$port.err" &
        echo $! >"$LAB_WORK/pids/cap-$name-$port.pid"; wait_listening "$dir/$port.err"
      done
    fi ;;
  stop)
    out=${3:?out}; sleep 1   # let the last answers arrive
    for f in "$LAB_WORK"/pids/cap-"$name"-*.pid; do
      p=$(cat "$f"); kill -INT "$p" 2>/dev/null || true
      for i in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      rm -f "$f"
    done
    mkdir -p "$(dirname "$out")"
    if [ "$(cat "$dir/mode")" = dc-any ]; then cp "$dir/dc-any.pcap" "$out"
    else mergecap -F pcap -w "$out" "$dir"/sw-*.pcap; fi
    echo "[capture] $out: $(capinfos -c -M "$out" | sed -n 's/^Number of packets: *//p') packets" >&2 ;;
  *) echo "usage: $0 start NAME [span|dc-any] | stop NAME OUT" >&2; exit 2 ;;
esac
