#!/usr/bin/python3
"""Call SRVSVC NetrSessionEnum (MS-SRVS opnum 12) on a server at several info levels (lab use only).

usage: netsessenum.py [--smb3] SERVER_IP DOMAIN USER PASSWORD [LEVEL ...]   (default levels: 0 1 2 10 502)

SMB is pinned to dialect 2.1 so that the calls stay readable (impacket encrypts every SMB 3.x
session with a server that supports encryption); --smb3 lets impacket negotiate 3.1.1 and encrypt.

One SMB session, one \\PIPE\\srvsvc bind, then one NetrSessionEnum per level; prints what the server
answered for each level (the session list, or the error), which the lab README records.
Built on impacket.dcerpc.v5.srvs.hNetrSessionEnum (Debian python3-impacket 0.10).
"""
import sys

from impacket.dcerpc.v5 import srvs, transport
from impacket.smb3structs import SMB2_DIALECT_21
from impacket.dcerpc.v5.dtypes import NULL
from impacket.dcerpc.v5.rpcrt import DCERPCException


def describe(level: int, resp) -> str:
    ctr = resp['InfoStruct']['SessionInfo']['Level%d' % level]
    rows = []
    for e in ctr['Buffer'] or []:
        cname = str(e['sesi%d_cname' % level]).rstrip('\x00')
        if level == 0:  # SESSION_INFO_0 has the client name only
            rows.append(cname)
        else:
            rows.append('%s/%s' % (cname, str(e['sesi%d_username' % level]).rstrip('\x00')))
    return 'entries=%d %s' % (ctr['EntriesRead'], ' '.join(rows))


def main() -> None:
    args = sys.argv[1:]
    smb3 = args[:1] == ['--smb3']
    if smb3:
        args = args[1:]
    server, domain, user, password = args[:4]
    levels = [int(x) for x in args[4:]] or [0, 1, 2, 10, 502]
    t = transport.SMBTransport(server, 445, r'\srvsvc', username=user, password=password, domain=domain)
    if not smb3:
        t.preferred_dialect(SMB2_DIALECT_21)
    dce = t.get_dce_rpc()
    dce.connect()
    dce.bind(srvs.MSRPC_UUID_SRVS)
    for level in levels:
        try:
            resp = srvs.hNetrSessionEnum(dce, NULL, NULL, level)
            print('level %d: %s' % (level, describe(level, resp)), flush=True)
        except DCERPCException as e:
            print('level %d: error %s' % (level, e), flush=True)
    dce.disconnect()


if __name__ == '__main__':
    main()
