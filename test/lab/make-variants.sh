#!/usr/bin/env bash
# Variants of committed captures that exercise the capture reader (same traffic, other containers):
#   kerberos-enum-udp-ng.pcapng          editcap -F pcapng
#   netsessenum-admin-nsec.pcap         editcap -F nsecpcap (nanosecond pcap, magic a1b23c4d)
#   dns-axfr-workstation-vlan.pcap      tcprewrite: every frame tagged 802.1Q VLAN 66
#   kerberos-enum-nmap-gz.pcap.gz        gzip -9n (the reader must gunzip)
#   samr-recon-user-sll2.pcap           a fresh run of the samr-recon-user scenario captured with
#                                       `tcpdump -i any` in the DC's namespace: Linux cooked v2
#                                       (needs the lab up; skipped with a message otherwise)
# Afterwards: node --import tsx test/lab/update-manifest.ts
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; source "$HERE/lab.env"
C="$LAB_ROOT/test/captures"
editcap -F pcapng "$C/kerberos-enum-udp.pcap" "$C/kerberos-enum-udp-ng.pcapng"
editcap -F nsecpcap "$C/netsessenum-admin.pcap" "$C/netsessenum-admin-nsec.pcap"
tcprewrite --enet-vlan=add --enet-vlan-tag=66 --enet-vlan-cfi=0 --enet-vlan-pri=0 \
  --infile="$C/dns-axfr-workstation.pcap" --outfile="$C/dns-axfr-workstation-vlan.pcap"
gzip -9nc "$C/kerberos-enum-nmap.pcap" >"$C/kerberos-enum-nmap-gz.pcap.gz"
if ip netns list | grep -q "^$NS_DC"; then
  CAPTURE_MODE=dc-any OUT="$C/samr-recon-user-sll2.pcap" "$HERE/scenario.sh" samr-recon-user
else
  echo "[variants] lab not up: samr-recon-user-sll2.pcap not regenerated" >&2
fi
ls -l "$C"/*-ng.pcapng "$C"/*-nsec.pcap "$C"/*-vlan.pcap "$C"/*-gz.pcap.gz "$C"/*-sll2.pcap
