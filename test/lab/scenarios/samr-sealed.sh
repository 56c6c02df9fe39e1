# SAMR at DCE/RPC packet privacy (auth level 6, NTLMSSP sealing) from KALI as alice: rpcclient
# enumdomusers and querygroupmem 0x200 once over TCP via the endpoint mapper
# (ncacn_ip_tcp:10.66.0.10[seal]) and once over the \samr pipe of an SMB 2 session that is itself
# not encrypted (ncacn_np:10.66.0.10[seal]). Headers (interface, opnum) are readable, the stubs
# are not: a blind spot.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  atk rpcclient -s "$(clientconf atk)" -U "alice%$USER_PASS" -c 'enumdomusers; querygroupmem 0x200' "ncacn_ip_tcp:$DC_IP[seal]"
  atk rpcclient -s "$(clientconf atk)" -U "alice%$USER_PASS" -c 'enumdomusers; querygroupmem 0x200' "ncacn_np:$DC_IP[seal]"
}
