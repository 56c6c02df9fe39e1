# SAMR over TCP instead of a named pipe, from KALI as alice: rpcclient with the binding string
# ncacn_ip_tcp:10.66.0.10[sign] asks the endpoint mapper (TCP 135, ept_map) for SAMR's dynamic
# port, then binds there with NTLMSSP at packet integrity (signed, readable):
# enumdomusers, querygroupmem 0x200 (Domain Admins), queryuser 500.
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  atk rpcclient -s "$(clientconf atk)" -U "alice%$USER_PASS" \
    -c 'enumdomusers; querygroupmem 0x200; queryuser 500' "ncacn_ip_tcp:$DC_IP[sign]"
}
