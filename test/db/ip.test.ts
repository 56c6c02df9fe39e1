import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cidrContains, formatCidr, parseCidr, parseIp, sameIp } from '../../db/ip.ts';
import { defaultDbPath } from '../../db/paths.ts';
import { hostNameMatches } from '../../db/exclusion-match.ts';
import { safeText } from '../../db/present.ts';

test('IPv4 and IPv6 parse, with the forms people write', () => {
  assert.deepEqual(parseIp('10.0.0.1'), { family: 4, value: 0x0a000001n });
  assert.equal(parseIp('::1')?.value, 1n);
  assert.ok(sameIp('2001:db8::1', '2001:0DB8:0:0:0:0:0:1'));
  assert.ok(sameIp('::ffff:10.0.0.1', '::ffff:a00:1'));
  for (const bad of ['10.0.0.256', '1.2.3', '01.2.3.4', '1::2::3', '12345::', 'fe80::g', '', 'host']) assert.equal(parseIp(bad), null, bad);
});

test('subnets contain exactly their addresses', () => {
  const c = parseCidr('10.1.2.3/16')!;
  assert.equal(formatCidr(c), '10.1.0.0/16');
  assert.ok(cidrContains(c, parseIp('10.1.255.255')!));
  assert.ok(!cidrContains(c, parseIp('10.2.0.0')!));
  assert.ok(!cidrContains(c, parseIp('::ffff:10.1.0.1')!), 'families do not mix');
  assert.equal(parseCidr('10.0.0.0/33'), null);
  assert.equal(formatCidr(parseCidr('fd00:0:0:1::5/64')!), 'fd00:0:0:1::/64');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (v, bits) => {
      const ip = [24, 16, 8, 0].map((s) => (v >>> s) & 255).join('.');
      const net = parseCidr(`${ip}/${bits}`)!;
      return cidrContains(net, parseIp(ip)!) && cidrContains(parseCidr(formatCidr(net))!, parseIp(ip)!);
    }),
  );
  fc.assert(fc.property(fc.ipV6(), (ip) => parseIp(ip) !== null && cidrContains(parseCidr(`${ip}/128`)!, parseIp(ip)!)));
});

test('host names match ignoring case, and a short name matches its FQDN', () => {
  assert.ok(hostNameMatches('WS-17', 'ws-17.corp.local'));
  assert.ok(hostNameMatches('ws-17.corp.local.', 'WS-17.CORP.LOCAL'));
  assert.ok(!hostNameMatches('ws-1', 'ws-17.corp.local'));
  assert.ok(!hostNameMatches('ws-17.other.local', 'ws-17.corp.local'));
});

test('the default database lives in the per-user data folder of each OS', () => {
  assert.equal(defaultDbPath('linux', {}, '/home/ana'), '/home/ana/.config/ReconLens/reconlens.db');
  assert.equal(defaultDbPath('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana'), '/cfg/ReconLens/reconlens.db');
  assert.equal(defaultDbPath('darwin', {}, '/Users/ana'), '/Users/ana/Library/Application Support/ReconLens/reconlens.db');
  assert.match(defaultDbPath('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'), /ReconLens[\\/]reconlens\.db$/);
});

test('terminal output escapes control and bidi characters from packets', () => {
  assert.equal(safeText('a\u001b[31mb\u202ec\u0007'), 'a\\x1b[31mb\\u202ec\\x07');
  assert.equal(safeText('x'.repeat(300)).length, 256);
});

test('IPv6 subnets are stored in RFC 5952 form', () => {
  assert.equal(formatCidr(parseCidr('2001:db8:0:0:1:0:0:0/128')!), '2001:db8:0:0:1::/128', 'the longest run');
  assert.equal(formatCidr(parseCidr('2001:db8:0:0:1:0:0:1/128')!), '2001:db8::1:0:0:1/128', 'the first of equal runs');
  assert.equal(formatCidr(parseCidr('::/0')!), '::/0');
  assert.equal(formatCidr(parseCidr('1:0:2:0:3:0:4:0/128')!), '1:0:2:0:3:0:4:0/128');
  fc.assert(fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, bits) => {
    const net = parseCidr(`${ip}/${bits}`)!;
    const again = parseCidr(formatCidr(net))!;
    return again.network === net.network && again.bits === bits;
  }));
});
