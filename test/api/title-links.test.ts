/** The h1 title sentence: source and target become links to their host pages; the text is unchanged. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titlePieces } from '../../main/api/present/title-links.ts';

const join = (p: { text: string }[]) => p.map((x) => x.text).join('');

test('2012: NAME (ip) of source and target become links, in order', () => {
  const title = 'alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.';
  const p = titlePieces(title, { ip: '10.0.0.66', name: 'WS-17' }, { ip: '10.0.0.10', name: 'DC01' });
  assert.equal(join(p), title);
  assert.deepEqual(
    p.filter((x) => x.href).map((x) => [x.text, x.href, x.role]),
    [
      ['WS-17 (10.0.0.66)', '#/entities/hosts/10.0.0.66', 'source'],
      ['DC01 (10.0.0.10)', '#/entities/hosts/10.0.0.10', 'target'],
    ],
  );
});

test('bare ips are matched as whole addresses (10.0.0.1 is not inside 10.0.0.10), a final full stop is fine', () => {
  const title = '10.0.0.1, not a DNS server, requested a zone transfer (AXFR) of corp.local from 10.0.0.10; REFUSED.';
  const p = titlePieces(title, { ip: '10.0.0.1', name: null }, { ip: '10.0.0.10', name: null });
  assert.equal(join(p), title);
  assert.deepEqual(p.filter((x) => x.href).map((x) => x.text), ['10.0.0.1', '10.0.0.10']);
  const q = titlePieces('x guessed 3 names against 10.0.0.10.', { ip: '10.0.0.1', name: null }, { ip: '10.0.0.10', name: null });
  assert.deepEqual(q.filter((x) => x.href).map((x) => [x.text, x.role]), [['10.0.0.10', 'target']]);
});

test('a name learned after the title was written: the (ip) still links; unknown computers leave plain text', () => {
  const title = 'OLD-NAME (10.0.0.66) guessed 12 account names against 10.0.0.10 over Kerberos; 1 exist, 11 unknown.';
  const p = titlePieces(title, { ip: '10.0.0.66', name: 'WS-17' }, { ip: '10.0.0.10', name: 'DC01' });
  assert.equal(join(p), title);
  assert.deepEqual(p.filter((x) => x.href).map((x) => x.text), ['(10.0.0.66)', '10.0.0.10']);
  const none = titlePieces('nothing here', { ip: '10.9.9.9', name: null }, { ip: '10.9.9.8', name: null });
  assert.deepEqual(none, [{ text: 'nothing here' }]);
});

test('hostile names stay data: the href is built from the ip only', () => {
  const name = '<img src=x onerror=alert(1)>';
  const title = `bob on ${name} (10.0.0.66) listed the SMB sessions on 10.0.0.10; 0 users exposed.`;
  const p = titlePieces(title, { ip: '10.0.0.66', name }, { ip: '10.0.0.10', name: null });
  assert.equal(join(p), title);
  assert.equal(p.find((x) => x.role === 'source')?.href, '#/entities/hosts/10.0.0.66');
});
