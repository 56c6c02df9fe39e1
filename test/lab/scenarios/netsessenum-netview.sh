# impacket netview.py (SMB pinned to 2.1 by py/smb21.py) from KALI as LAB\Administrator against
# DC1, while bob holds an SMB session from WS01: netview asks NetrSessionEnum at level 10 only,
# which Samba 4.17 answers WERR_INVALID_LEVEL, and netview stops there.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  hold_session ws bob "$USER_PASS" 8
  sleep 2
  atk timeout 60 "$PY" "$LAB_ROOT/test/lab/py/smb21.py" "$IMPACKET_EX/netview.py" \
    "$NBDOMAIN/Administrator:$ADMIN_PASS" -target "$DC_IP" -noloop
  sleep 6
}
