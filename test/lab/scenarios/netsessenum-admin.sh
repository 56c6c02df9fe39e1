# SMB session enumeration (SRVSVC NetrSessionEnum, opnum 12) by a domain administrator
# (Administrator) from the attacker KALI, while bob and carol hold SMB sessions to the DC from WS01.
# Samba answers levels 0 and 1 with the session list and 2, 10, 502 with WERR_INVALID_LEVEL.
# py/netsessenum.py (SMB 2.1) asks levels 0, 1, 2, 10, 502; rpcclient netsessenum asks level 1.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  hold_session ws bob "$USER_PASS" 12
  hold_session ws carol "$USER_PASS" 12
  sleep 2
  atk "$PY" "$LAB_ROOT/test/lab/py/netsessenum.py" "$DC_IP" "$NBDOMAIN" Administrator "$ADMIN_PASS"
  rpc atk Administrator "$ADMIN_PASS" 'netsessenum'
  sleep 9
}
