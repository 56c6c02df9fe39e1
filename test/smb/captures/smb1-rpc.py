#!/usr/bin/python3
"""SMB1 DCE/RPC client for make-smb1.sh: impacket over SMB1 (NT LM 0.12, NTLMSSP), named pipes
samr (Connect5, EnumDomains, LookupDomain, OpenDomain, EnumerateUsersInDomain) and srvsvc
(NetrSessionEnum level 10). Usage: smb1-rpc.py HOST USER PASSWORD"""
import sys
from impacket.smb import SMB_DIALECT
from impacket.dcerpc.v5 import transport, samr, srvs

host, user, password = sys.argv[1:4]


def bind(pipe, iface):
    t = transport.SMBTransport(host, 445, pipe, user, password)
    t.preferred_dialect(SMB_DIALECT)
    dce = t.get_dce_rpc()
    dce.connect()
    dce.bind(iface)
    return dce


dce = bind(r'\samr', samr.MSRPC_UUID_SAMR)
server = samr.hSamrConnect5(dce)['ServerHandle']
domains = samr.hSamrEnumerateDomainsInSamServer(dce, server)['Buffer']['Buffer']
name = domains[0]['Name']
sid = samr.hSamrLookupDomainInSamServer(dce, server, name)['DomainId']
domain = samr.hSamrOpenDomain(dce, server, domainId=sid)['DomainHandle']
for u in samr.hSamrEnumerateUsersInDomain(dce, domain)['Buffer']['Buffer']:
    print('user', u['Name'], u['RelativeId'])
dce.disconnect()

dce = bind(r'\srvsvc', srvs.MSRPC_UUID_SRVS)
try:
    r = srvs.hNetrSessionEnum(dce, '\x00', NULL := '\x00', 10)
    print('sessions', r['InfoStruct']['SessionInfo']['Level10']['EntriesRead'])
except Exception as e:  # an access denied answer is still a recorded call
    print('NetrSessionEnum:', str(e)[:60])
dce.disconnect()
