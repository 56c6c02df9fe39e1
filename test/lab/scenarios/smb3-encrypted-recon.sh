# The same reconnaissance over SMB 3 with encryption required by the client (KALI as alice and as
# Administrator): SAMR enumeration, NetrSessionEnum, a share listing. Every SMB2 message after the
# session setup is inside an SMB3 transform header: a blind spot, no alert can be raised.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  local enc=(--option='client smb encrypt=required' -m SMB3)
  rpc atk alice "$USER_PASS" 'enumdomusers; enumdomgroups; querygroupmem 0x200; queryuser 500' "${enc[@]}"
  rpc atk Administrator "$ADMIN_PASS" 'netsessenum; netsessenum 0' "${enc[@]}"
  atk smbclient -s "$(clientconf atk)" "${enc[@]}" -L "//$DC_IP" -U "alice%$USER_PASS"
}
