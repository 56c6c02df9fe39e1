# The bundled sample (build/sample/reconlens-sample.pcapng): one short story with all four
# detections and a blind spot, in this order so that DC1 is learned as a KDC before the SMB part:
#  benign lookups and logons -> Kerberos enumeration from KALI (UDP) -> zone transfers by WS01 ->
#  NetrSessionEnum by KALI as Administrator (bob holds a session) -> SAMR recon by KALI as alice ->
#  SAMR over encrypted SMB3 by KALI (blind spot).
# Run through make-sample.sh, which writes the pcapng and its comment.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  ws dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  atk dig +short @"$DC_IP" "_kerberos._tcp.$DNSDOMAIN" SRV
  ws dig +short @"$NS2_IP" "files.$DNSDOMAIN" CNAME
  atk dig +short @"$NS2_IP" "ws01.$DNSDOMAIN" A
  echo "$USER_PASS" | ws kinit "alice@$REALM"
  echo "$USER_PASS" | ws kinit "bob@$REALM"
  ws smbclient -s "$(clientconf ws)" "//$DC_IP/public" -U "alice%$USER_PASS" -c 'get report.txt /dev/null'
  head -24 "$LAB_ROOT/test/lab/data/users-kerbrute.txt" | grep -v '^#' >users-sample.txt
  atk "$PY" "$LAB_ROOT/test/lab/py/kerbrute_udp.py" "$DC_IP" "$REALM" users-sample.txt --delay 0.02
  # one zone transfer only (UI.md: the sample raises one alert per detection); the DC's empty
  # answer to a transfer is shown by test/captures/dns-axfr-workstation.pcap
  ws dig axfr @"$NS2_IP" "$DNSDOMAIN"
  hold_session ws bob "$USER_PASS" 8
  sleep 2
  atk "$PY" "$LAB_ROOT/test/lab/py/netsessenum.py" "$DC_IP" "$NBDOMAIN" Administrator "$ADMIN_PASS" 0 1
  rpc atk alice "$USER_PASS" 'enumdomusers; querygroupmem 0x200; queryuser 500'
  rpc atk alice "$USER_PASS" 'enumdomusers; enumdomgroups' --option='client smb encrypt=required' -m SMB3
  sleep 6
}
