/** The h1 title sentence: source and target become links to their host pages; the text is unchanged. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { titlePieces, titleUser } from '../../main/api/present/title-links.ts';

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

test('2012/2021: a known user at the start links to its account page; the sentence is unchanged', () => {
  const title = 'alice on WS-17 (10.0.0.66) listed the SMB sessions on DC01 (10.0.0.10); 2 users exposed.';
  const p = titlePieces(title, { ip: '10.0.0.66', name: 'WS-17' }, { ip: '10.0.0.10', name: 'DC01' }, 'alice');
  assert.equal(join(p), title);
  assert.deepEqual(
    p.filter((x) => x.href).map((x) => [x.text, x.href, x.role]),
    [
      ['alice', '#/entities/accounts/alice', 'user'],
      ['WS-17 (10.0.0.66)', '#/entities/hosts/10.0.0.66', 'source'],
      ['DC01 (10.0.0.10)', '#/entities/hosts/10.0.0.10', 'target'],
    ],
  );
  // A user the title does not start with is not linked; nor is one without a user.
  assert.equal(titlePieces(title, { ip: '10.0.0.66', name: 'WS-17' }, { ip: '10.0.0.10', name: 'DC01' }, 'bob').find((x) => x.role === 'user'), undefined);
  assert.equal(titlePieces(title, { ip: '10.0.0.66', name: 'WS-17' }, { ip: '10.0.0.10', name: 'DC01' }).find((x) => x.role === 'user'), undefined);
});

test('titleUser: the known account before " on ", names with spaces and hostile names are data', () => {
  const known = new Set(['alice', 'john on call', '<b>x</b>']);
  const has = (n: string) => known.has(n.toLowerCase());
  assert.equal(titleUser('Alice on WS-17 (10.0.0.66) queried DC01 over SAMR for users; 0 sensitive accounts queried.', has), 'Alice');
  assert.equal(titleUser('john on call on WS-17 (10.0.0.66) listed the SMB sessions on DC01; 0 users exposed.', has), 'john on call');
  assert.equal(titleUser('An unknown user on WS-17 (10.0.0.66) listed the SMB sessions on DC01; 0 users exposed.', has), null);
  const p = titlePieces('<b>x</b> on 10.0.0.66 listed the SMB sessions on 10.0.0.10; 0 users exposed.', { ip: '10.0.0.66', name: null }, { ip: '10.0.0.10', name: null }, '<b>x</b>');
  assert.equal(p[0]?.href, '#/entities/accounts/%3Cb%3Ex%3C%2Fb%3E');
});
