#!/usr/bin/env bash
# Build test/captures/long-mixed.pcap: four hours of ordinary traffic with the attacks inside.
#  - runs the `background` scenario 8 times (a different user logging on each time: fresh
#    connections, ports and tickets) and spreads the runs 30 minutes apart with editcap -t;
#  - shifts committed attack captures into the gaps: kerberos-enum-udp at +65 min,
#    dns-axfr-workstation at +125 min, netsessenum-admin at +155 min, samr-recon-user at +185 min;
#  - merges everything in time order with mergecap (microsecond pcap, Ethernet).
# The lab must be up (for the background runs). Afterwards: node --import tsx test/lab/update-manifest.ts
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/lab.env"
C="$LAB_ROOT/test/captures"; W="$LAB_WORK/long"; rm -rf "$W"; mkdir -p "$W"
first() { capinfos -M -a -S "$1" | sed -n 's/^First packet time: *//p'; }   # epoch seconds
users=(alice bob carol dave erin frank helpdesk alice)
for i in "${!users[@]}"; do
  BG_USER=${users[$i]} OUT="$W/bg-$i.pcap" "$HERE/scenario.sh" background
done
t0=$(first "$W/bg-0.pcap")
place() {  # place IN OFFSET_MINUTES OUT: shift IN so that its first packet is at t0 + offset
  local start delta; start=$(first "$1")
  delta=$(awk -v a="$t0" -v s="$start" -v m="$2" 'BEGIN { printf "%.6f", a + m * 60 - s }')
  editcap -t "$delta" "$1" "$3"
}
for i in "${!users[@]}"; do place "$W/bg-$i.pcap" $((i * 30)) "$W/p-bg-$i.pcap"; done
place "$C/kerberos-enum-udp.pcap" 65 "$W/p-a1.pcap"
place "$C/dns-axfr-workstation.pcap" 125 "$W/p-a2.pcap"
place "$C/netsessenum-admin.pcap" 155 "$W/p-a3.pcap"
place "$C/samr-recon-user.pcap" 185 "$W/p-a4.pcap"
mergecap -F pcap -w "$C/long-mixed.pcap" "$W"/p-*.pcap
capinfos -M -c -u -s "$C/long-mixed.pcap"
