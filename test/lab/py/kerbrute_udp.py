#!/usr/bin/python3
"""Kerbrute-style Kerberos user enumeration over UDP (lab use only).

For each name in a list, send one AS-REQ without pre-authentication for krbtgt/REALM over UDP
port 88 and classify the KDC's answer the way kerbrute's `userenum` does:
  KRB-ERROR 6  (KDC_ERR_C_PRINCIPAL_UNKNOWN)  -> the name does not exist
  KRB-ERROR 25 (KDC_ERR_PREAUTH_REQUIRED)     -> valid user
  AS-REP                                      -> valid user without pre-authentication (roastable)
  KRB-ERROR 18 (KDC_ERR_CLIENT_REVOKED)       -> valid but disabled/locked
Like kerbrute, the request carries PA-PAC-REQUEST and the etypes aes256, aes128, rc4-hmac.

usage: kerbrute_udp.py KDC_IP REALM USERLIST [--delay SECONDS]
Prints one line per name: "<name> <answer>". Uses impacket's ASN.1 classes (Debian python3-impacket).
"""
import argparse
import datetime
import random
import socket
import time

from pyasn1.codec.der import decoder, encoder
from pyasn1.type.univ import noValue
from impacket.krb5 import constants
from impacket.krb5.asn1 import AS_REP, AS_REQ, KERB_PA_PAC_REQUEST, KRB_ERROR, seq_set, seq_set_iter
from impacket.krb5.types import KerberosTime, Principal


def as_req(user: str, realm: str) -> bytes:
    client = Principal(user, type=constants.PrincipalNameType.NT_PRINCIPAL.value)
    server = Principal('krbtgt/%s' % realm, type=constants.PrincipalNameType.NT_SRV_INST.value)
    pac = KERB_PA_PAC_REQUEST()
    pac['include-pac'] = True
    req = AS_REQ()
    req['pvno'] = 5
    req['msg-type'] = int(constants.ApplicationTagNumbers.AS_REQ.value)
    req['padata'] = noValue
    req['padata'][0] = noValue
    req['padata'][0]['padata-type'] = int(constants.PreAuthenticationDataTypes.PA_PAC_REQUEST.value)
    req['padata'][0]['padata-value'] = encoder.encode(pac)
    body = seq_set(req, 'req-body')
    body['kdc-options'] = constants.encodeFlags([constants.KDCOptions.forwardable.value,
                                                  constants.KDCOptions.renewable.value,
                                                  constants.KDCOptions.renewable_ok.value])
    seq_set(body, 'sname', server.components_to_asn1)
    seq_set(body, 'cname', client.components_to_asn1)
    body['realm'] = realm
    till = datetime.datetime.utcnow() + datetime.timedelta(days=1)
    body['till'] = KerberosTime.to_asn1(till)
    body['rtime'] = KerberosTime.to_asn1(till)
    body['nonce'] = random.getrandbits(31)
    seq_set_iter(body, 'etype', (int(constants.EncryptionTypes.aes256_cts_hmac_sha1_96.value),
                                 int(constants.EncryptionTypes.aes128_cts_hmac_sha1_96.value),
                                 int(constants.EncryptionTypes.rc4_hmac.value)))
    return encoder.encode(req)


def classify(data: bytes) -> str:
    try:
        err = decoder.decode(data, asn1Spec=KRB_ERROR())[0]
        code = int(err['error-code'])
        names = {6: 'unknown (6 PRINCIPAL_UNKNOWN)', 25: 'VALID (25 PREAUTH_REQUIRED)',
                 18: 'VALID, disabled (18 CLIENT_REVOKED)', 52: 'too big, retry over TCP (52)'}
        return names.get(code, 'KRB-ERROR %d' % code)
    except Exception:
        decoder.decode(data, asn1Spec=AS_REP())
        return 'VALID, no preauth (AS-REP)'


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument('kdc')
    ap.add_argument('realm')
    ap.add_argument('userlist')
    ap.add_argument('--delay', type=float, default=0.05)
    a = ap.parse_args()
    names = [l.strip() for l in open(a.userlist) if l.strip() and not l.startswith('#')]
    for name in names:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # a fresh source port per guess, as kerbrute
        s.settimeout(3)
        s.sendto(as_req(name, a.realm.upper()), (a.kdc, 88))
        try:
            data, _ = s.recvfrom(65535)
            print(name, classify(data), flush=True)
        except socket.timeout:
            print(name, 'no answer', flush=True)
        s.close()
        time.sleep(a.delay)


if __name__ == '__main__':
    main()
