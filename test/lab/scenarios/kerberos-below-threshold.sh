# Kerberos guesses just below the default threshold: KALI sends kerbrute-style AS-REQs (UDP) for
# 12 names, 9 of them unknown (one short of 10 distinct unknown names in 10 minutes) and 3 real
# (alice, bob, carol). Must raise nothing with default settings.
run() {
  atk dig +short @"$DC_IP" "_kerberos._udp.$DNSDOMAIN" SRV
  atk "$PY" "$LAB_ROOT/test/lab/py/kerbrute_udp.py" "$DC_IP" "$REALM" \
    "$LAB_ROOT/test/lab/data/users-threshold.txt" --delay 0.05
}
