# The same reconnaissance over SMB 3 with encryption (KALI as alice and as Administrator):
# rpcclient/smbclient with client smb encrypt=required (SAMR enumeration, NetrSessionEnum, a share
# listing), and impacket samrdump.py and py/netsessenum.py --smb3 unpinned (impacket 0.10
# encrypts every SMB 3.x session by itself). Every SMB2 message after the
# session setup is inside an SMB3 transform header: a blind spot, no alert can be raised.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  local enc=(--option='client smb encrypt=required' -m SMB3)
  rpc atk alice "$USER_PASS" 'enumdomusers; enumdomgroups; querygroupmem 0x200; queryuser 500' "${enc[@]}"
  rpc atk Administrator "$ADMIN_PASS" 'netsessenum' "${enc[@]}"
  atk "$PY" "$IMPACKET_EX/samrdump.py" "$NBDOMAIN/alice:$USER_PASS@$DC_IP"
  atk "$PY" "$LAB_ROOT/test/lab/py/netsessenum.py" --smb3 "$DC_IP" "$NBDOMAIN" Administrator "$ADMIN_PASS"
  atk smbclient -s "$(clientconf atk)" "${enc[@]}" -L "//$DC_IP" -U "alice%$USER_PASS"
}
