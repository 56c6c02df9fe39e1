#!/usr/bin/python3
"""Set or clear a userAccountControl flag on a lab account through Samba's own database layer.

usage: set_uac.py SMB_CONF ACCOUNT FLAG on|off      (FLAG: a samba.dsdb UF_* name, e.g. UF_DONT_REQUIRE_PREAUTH)
Runs on the DC's files (Samba's python bindings), so Samba's modules see the change as they
would a change made over LDAP.
"""
import sys

from samba import dsdb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

conf, account, flag, state = sys.argv[1:5]
lp = LoadParm()
lp.load(conf)
db = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
db.toggle_userAccountFlags('(sAMAccountName=%s)' % account, getattr(dsdb, flag),
                           flags_str=flag, on=(state == 'on'), strict=False)
res = db.search(expression='(sAMAccountName=%s)' % account, attrs=['userAccountControl'])
print(account, 'userAccountControl', res[0]['userAccountControl'][0].decode())
