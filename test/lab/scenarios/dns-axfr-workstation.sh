# Zone transfers requested by the workstation WS01 (reconnaissance):
#  - AXFR and IXFR of lab.reconlens.test from the DC (Samba's internal DNS answers with the SOA only)
#  - AXFR and IXFR from the secondary NS2 (bind9): a real transfer with records
# Before that, WS01 and KALI make ordinary lookups at both servers, so that both are learned as
# DNS servers (they answer queries from port 53 for two clients).
run() {
  local c
  # the secondary gets a new serial (one more record) so that IXFR 2026120401 has a real increment
  "$LAB_ROOT/test/lab/lab.sh" ns2-bump 2026120402
  for c in ws atk; do
    $c dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
    $c dig +short @"$NS2_IP" "files.$DNSDOMAIN" CNAME
    $c dig +short @"$NS2_IP" "ws01.$DNSDOMAIN" A
  done
  ws dig +tcp axfr @"$DC_IP" "$DNSDOMAIN"
  ws dig ixfr=1 @"$DC_IP" "$DNSDOMAIN"
  ws dig axfr @"$NS2_IP" "$DNSDOMAIN"
  ws dig ixfr=2026120401 @"$NS2_IP" "$DNSDOMAIN"
}
