# Benign: the secondary DNS server NS2 (bind9, 10.66.0.53) transfers the zone from the DC
# (AXFR, then IXFR), after having answered lookups from two clients (WS01, KALI) — learned as a
# DNS server. Must raise nothing (or say that the source is a DNS server).
run() {
  ws dig +short @"$NS2_IP" "dc1.$DNSDOMAIN" A
  atk dig +short @"$NS2_IP" "files.$DNSDOMAIN" CNAME
  ws dig +short @"$NS2_IP" "nas01.$DNSDOMAIN" A
  ns2 dig axfr @"$DC_IP" "$DNSDOMAIN"
  ns2 dig ixfr=4 @"$DC_IP" "$DNSDOMAIN"
}
