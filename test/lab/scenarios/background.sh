# A few seconds of ordinary office traffic, the brick the long mixed capture is built from
# (make-long.sh runs it several times and spreads the runs over hours): DNS lookups by WS01 and
# KALI at DC1 and NS2, a Kerberos logon and a service ticket, a file read from \\DC1\public.
run() {
  ws dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  ws dig +short @"$NS2_IP" "files.$DNSDOMAIN" CNAME
  atk dig +short @"$DC_IP" "ws01.$DNSDOMAIN" A
  atk dig +short @"$NS2_IP" "nas01.$DNSDOMAIN" A
  echo "$USER_PASS" | ws kinit "${BG_USER:-alice}@$REALM"
  ws kvno "cifs/dc1.$DNSDOMAIN@$REALM"
  ws smbclient -s "$(clientconf ws)" "//$DC_IP/public" -U "${BG_USER:-alice}%$USER_PASS" -c 'get report.txt /dev/null'
}
