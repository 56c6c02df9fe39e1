#!/usr/bin/env bash
# Build test/captures/kerberos-enum-slow.pcap: 12 distinct unknown names from KALI, but in two
# batches of 6 that are 11 minutes apart (the second batch shifted with editcap -t), so that no
# 10-minute window holds 10 of them: below the default threshold, nothing must be raised.
# The lab must be up. Afterwards: node --import tsx test/lab/update-manifest.ts
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/lab.env"
W="$LAB_WORK/slow"; rm -rf "$W"; mkdir -p "$W"
SLOW_BATCH=1 OUT="$W/b1.pcap" "$HERE/scenario.sh" kerberos-slow-batch
SLOW_BATCH=2 OUT="$W/b2.pcap" "$HERE/scenario.sh" kerberos-slow-batch
first() { capinfos -M -a -S "$1" | sed -n 's/^First packet time: *//p'; }
delta=$(awk -v a="$(first "$W/b1.pcap")" -v b="$(first "$W/b2.pcap")" 'BEGIN { printf "%.6f", a + 660 - b }')
editcap -t "$delta" "$W/b2.pcap" "$W/b2-shifted.pcap"
mergecap -F pcap -w "$LAB_ROOT/test/captures/kerberos-enum-slow.pcap" "$W/b1.pcap" "$W/b2-shifted.pcap"
capinfos -M -c -u "$LAB_ROOT/test/captures/kerberos-enum-slow.pcap"
