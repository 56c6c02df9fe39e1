# SAMR reconnaissance by an ordinary domain user (alice) from the attacker KALI:
# rpcclient enumdomusers / enumdomgroups / querygroupmem 0x200 (Domain Admins) / queryuser 500
# (Administrator); impacket samrdump.py (enumerates users, queries each; SMB pinned to 2.1 by py/smb21.py,
# as impacket would otherwise encrypt); net rpc group members
# "Domain Admins".
run() {
  source "$LAB_ROOT/test/lab/lib-smb.sh"
  rpc atk alice "$USER_PASS" 'enumdomusers; enumdomgroups; querygroupmem 0x200; queryuser 500'
  atk "$PY" "$LAB_ROOT/test/lab/py/smb21.py" "$IMPACKET_EX/samrdump.py" "$NBDOMAIN/alice:$USER_PASS@$DC_IP"
  atk net rpc group members "Domain Admins" -s "$(clientconf atk)" -S "$DC_IP" -I "$DC_IP" -U "alice%$USER_PASS"
}
