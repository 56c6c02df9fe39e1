# SAMR reconnaissance by a domain administrator (Administrator) from the workstation WS01:
# the same tools as samr-recon-user (rpcclient, samrdump.py over SMB 2.1, net rpc group members).
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  rpc ws Administrator "$ADMIN_PASS" 'enumdomusers; enumdomgroups; querygroupmem 0x200; queryuser 500'
  ws "$PY" "$LAB_ROOT/test/lab/py/smb21.py" "$IMPACKET_EX/samrdump.py" "$NBDOMAIN/Administrator:$ADMIN_PASS@$DC_IP"
  ws net rpc group members "Domain Admins" -s "$(clientconf ws)" -S "$DC_IP" -I "$DC_IP" -U "Administrator%$ADMIN_PASS"
}
