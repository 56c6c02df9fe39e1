# SMB session enumeration (SRVSVC NetrSessionEnum, opnum 12) by an ordinary domain user (alice)
# from the attacker KALI, while bob and carol hold SMB sessions to the DC from WS01.
# Samba denies it to non-administrators: every call is answered WERR_ACCESS_DENIED.
# py/netsessenum.py asks levels 0, 1, 2, 10, 502 on one bind (SMB 2.1); rpcclient netsessenum asks
# level 1 (its default).
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  hold_session ws bob "$USER_PASS" 12
  hold_session ws carol "$USER_PASS" 12
  sleep 2
  atk "$PY" "$LAB_ROOT/test/lab/py/netsessenum.py" "$DC_IP" "$NBDOMAIN" alice "$USER_PASS"
  rpc atk alice "$USER_PASS" 'netsessenum' || true
  sleep 9   # let the held sessions end inside the capture
}
