# Benign stretch that must raise nothing:
#  - Kerberos logons from WS01: alice, erin; bob mistypes his password once (KDC_ERR_PREAUTH_FAILED
#    24), then logs on; a service ticket for cifs/dc1
#  - `net rpc user info bob` by alice (a single lookup of an ordinary user: LookupNames, OpenUser,
#    QueryUserInfo, GetGroupsForUser — plumbing, not reconnaissance)
#  - file share access: alice reads \\DC1\public\report.txt
#  - DNS lookups by WS01 and KALI at the DC and at NS2; NS2 (the secondary, now a learned DNS
#    server) transfers the zone from the DC (AXFR, IXFR)
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  ws dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  atk dig +short @"$DC_IP" "files.$DNSDOMAIN" A
  ws dig +short @"$NS2_IP" "nas01.$DNSDOMAIN" A
  atk dig +short @"$NS2_IP" "printer01.$DNSDOMAIN" A
  echo "$USER_PASS" | ws kinit "alice@$REALM"
  ws kvno "cifs/dc1.$DNSDOMAIN@$REALM"
  echo "wrong-password" | ws kinit "bob@$REALM" || true
  echo "$USER_PASS" | ws kinit "bob@$REALM"
  echo "$USER_PASS" | ws kinit "erin@$REALM"
  ws net rpc user info bob -s "$(clientconf ws)" -S "$DC_IP" -I "$DC_IP" -U "alice%$USER_PASS"
  ws smbclient -s "$(clientconf ws)" "//$DC_IP/public" -U "alice%$USER_PASS" -c 'ls; get report.txt /dev/null'
  ns2 dig axfr @"$DC_IP" "$DNSDOMAIN"
  ns2 dig ixfr=4 @"$DC_IP" "$DNSDOMAIN"
}
