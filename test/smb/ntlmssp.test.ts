/** NTLMSSP AUTHENTICATE (MS-NLMP §2.2.1.3) and Kerberos AP-REQ detection in security tokens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeError } from '../../main/util/cursor.ts';
import { decodeNtlmAuthenticate, findNtlmAuthenticate } from '../../main/protocols/smb/ntlmssp.ts';
import { decodeApReqTicket, findApReq } from '../../main/protocols/smb/kerberos-ap-req.ts';
import { kerberosApReqToken, ntlmAuthenticate, spnegoResp } from './build.ts';

test('Unicode and OEM AUTHENTICATE messages, found inside SPNEGO', () => {
  assert.deepEqual(findNtlmAuthenticate(spnegoResp(ntlmAuthenticate('CORP', 'alice', 'WS01'))), { domain: 'CORP', user: 'alice', workstation: 'WS01' });
  assert.deepEqual(decodeNtlmAuthenticate(ntlmAuthenticate('LAB', 'bob', 'PC', false)), { domain: 'LAB', user: 'bob', workstation: 'PC' });
  assert.deepEqual(decodeNtlmAuthenticate(ntlmAuthenticate('', '', '')), { domain: '', user: '', workstation: '' });
});

test('NEGOTIATE / CHALLENGE messages are not AUTHENTICATE', () => {
  const negotiate = Buffer.concat([Buffer.from('NTLMSSP\0', 'latin1'), Buffer.from([1, 0, 0, 0]), Buffer.alloc(24)]);
  assert.equal(findNtlmAuthenticate(spnegoResp(negotiate)), null);
  assert.throws(() => decodeNtlmAuthenticate(negotiate), DecodeError);
});

test('cut at every offset: DecodeError or nothing found, never another error', () => {
  const m = ntlmAuthenticate('CORP', 'alice', 'WS01');
  for (let i = 0; i < m.length; i++) {
    try {
      const r = findNtlmAuthenticate(m.subarray(0, i));
      assert.ok(r === null || i >= m.length - 16, `cut at ${i} gave ${JSON.stringify(r)}`);
    } catch (e) {
      assert.ok(e instanceof DecodeError, String(e));
    }
  }
});

test('field offsets beyond the message: DecodeError', () => {
  const m = ntlmAuthenticate('CORP', 'alice', 'WS01');
  m.writeUInt32LE(0xfffffff0, 12 + 16 + 8 + 4); // UserNameFields.BufferOffset
  assert.throws(() => decodeNtlmAuthenticate(m), DecodeError);
});

test('AP-REQ ticket: realm and sname; cut at every offset is a DecodeError', () => {
  const token = kerberosApReqToken('cifs', 'FS01.lab.local', 'LAB.LOCAL');
  const apReq = token.subarray(findApReq(token));
  assert.deepEqual(decodeApReqTicket(apReq), { realm: 'LAB.LOCAL', sname: { nameType: 2, parts: ['cifs', 'FS01.lab.local'] } });
  for (let i = 0; i < apReq.length; i++) assert.throws(() => decodeApReqTicket(apReq.subarray(0, i)), DecodeError, `cut at ${i}`);
});

test('Kerberos AP-REQ: krb5 OID followed by TOK_ID 01 00; an OID in a mechTypes list is not one', () => {
  assert.equal(findApReq(kerberosApReqToken()), 17);
  const mechTypes = Buffer.from('a00e300c06092a864886f712010202060a2b06010401823702020a', 'hex');
  assert.equal(findApReq(mechTypes), -1);
  assert.equal(findApReq(Buffer.alloc(0)), -1);
});
