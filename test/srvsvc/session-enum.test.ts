import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeSessionEnumRequest, decodeSessionEnumResponse, SESSION_INFO_LAYOUT } from '../../main/protocols/srvsvc/session-enum.ts';
import { srvsvcInterface } from '../../main/protocols/srvsvc/index.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import type { Activity, SessionEnumActivity } from '../../main/engine/activity.ts';
import { NdrWriter } from '../ndr/ndr-writer.ts';
import { fakeContext, rpcCall, type FixtureCall } from '../samr/rpc-call.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');

const fixture = JSON.parse(readFileSync(path.join(here, 'fixtures/sharphound_domain_z.json'), 'utf8')) as { calls: FixtureCall[] };

/** SESSION_ENUM_STRUCT with a container of `sessions` at `level`, as the server answers. */
function infoStruct(w: NdrWriter, level: number, sessions: { client: string; user: string }[] | null): NdrWriter {
  const layout = SESSION_INFO_LAYOUT.get(level)!;
  w.alignPtr().u32(level).alignPtr().u32(level).ptr(true);
  w.alignPtr().u32(sessions?.length ?? 0).ptr(sessions !== null);
  if (!sessions) return w;
  w.count(sessions.length);
  for (let i = 0; i < sessions.length; i++) {
    w.alignPtr();
    for (const f of layout) {
      if (f === 'dword') w.u32(i);
      else w.ptr(true);
    }
  }
  for (const s of sessions)
    for (const f of layout) if (f !== 'dword') w.wstring(f === 'cname' ? s.client : f === 'username' ? s.user : 'x');
  return w;
}

function response(ndr64: boolean, level: number, sessions: { client: string; user: string }[], status = 0): Buffer {
  const w = infoStruct(new NdrWriter(ndr64), level, sessions);
  return w.u32(sessions.length).ptr(true).u32(0).u32(status).done();
}

const SESSIONS = [
  { client: '\\\\10.0.0.66', user: 'alice' },
  { client: '\\\\WS-22', user: 'bob' },
];

for (const ndr64 of [false, true])
  for (const level of SESSION_INFO_LAYOUT.keys()) {
    test(`${ndr64 ? 'NDR64' : 'NDR'} NetrSessionEnum level ${level}: sessions, clients kept as given`, () => {
      const r = decodeSessionEnumResponse(response(ndr64, level, SESSIONS), ndr64);
      assert.equal(r.level, level);
      assert.equal(r.totalEntries, 2);
      assert.deepEqual(
        r.sessions,
        SESSIONS.map((s) => ({ client: s.client, user: level === 0 ? '' : s.user })),
      );
    });
  }

test('truncation at every offset of an answer is a DecodeError', () => {
  for (const ndr64 of [false, true]) {
    const buf = response(ndr64, 502, SESSIONS);
    for (let n = 0; n < buf.length; n++) assert.throws(() => decodeSessionEnumResponse(buf.subarray(0, n), ndr64), DecodeError, `cut at ${n}`);
  }
});

test('absurd EntriesRead and an unknown level are errors, not allocations', () => {
  const w = new NdrWriter(false).alignPtr().u32(10).u32(10).ptr(true).u32(0xffffffff).ptr(true).count(0xffffffff);
  assert.throws(() => decodeSessionEnumResponse(w.done(), false), /over cap/);
  const odd = new NdrWriter(false).u32(7).u32(7).ptr(true).done();
  assert.throws(() => decodeSessionEnumResponse(odd, false), /level 7/);
});

test('request: server name, filters and level (NDR)', () => {
  const w = new NdrWriter(false).ptr(true).wstring('\\\\DC01').ptr(true).wstring('\\\\10.0.0.9').ptr(false);
  infoStruct(w, 1, null).u32(0xffffffff).ptr(false);
  assert.deepEqual(decodeSessionEnumRequest(w.done(), false), { serverName: '\\\\DC01', clientFilter: '\\\\10.0.0.9', userFilter: null, level: 1 });
});

test('SharpHound (NDR64) on zdc1: level 10, WERROR 5 ACCESS_DENIED, no sessions', () => {
  const [c] = fixture.calls;
  assert.ok(c && c.request && c.response);
  assert.ok(c.ndr64, 'SharpHound binds NDR64');
  const q = decodeSessionEnumRequest(Buffer.from(c.request, 'hex'), true);
  assert.deepEqual(q, { serverName: 'ZDC1.DOMAIN-Z.LOCAL', clientFilter: null, userFilter: null, level: 10 });
  const r = decodeSessionEnumResponse(Buffer.from(c.response, 'hex'), true);
  assert.deepEqual(r, { level: 10, sessions: [], totalEntries: 0, status: 5 });
});

test('the SharpHound call against tshark: same frames, opnum and level; tshark 4.0 misreads the NDR64 WERROR', (t) => {
  let out: string;
  try {
    out = execFileSync(path.resolve(repoRoot, '../shared/tools/tshark-facts'), [path.join(corpus, 'samr-enum-lab/sharphound_domain_z.pcapng'), 'srvsvc'], { encoding: 'utf8' });
  } catch {
    t.skip('tshark not available');
    return;
  }
  const facts = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const [c] = fixture.calls;
  const req = facts.find((f) => f['frame'] === c!.requestFrame);
  const rep = facts.find((f) => f['frame'] === c!.responseFrame);
  assert.equal(req?.['opnum'], 12);
  assert.equal(req?.['level'], 10);
  // tshark 4.0 reads the NDR64 answer's padding as the WERROR (0x00020000, a referent id); the status
  // is the last word of the stub: 5. Our reading is checked above; this pins the known difference.
  assert.equal(rep?.['werror'], '0x00020000');
});

test('the interface emits a SessionEnumActivity with the status name and the session user', () => {
  const [c] = fixture.calls;
  const emitted: Activity[] = [];
  const { ctx, errors } = fakeContext(emitted);
  const handler = srvsvcInterface.open(rpcCall(c!, srvsvcInterface.uuid).assoc);
  handler.onCall(rpcCall(c!, srvsvcInterface.uuid), ctx);
  handler.onCall({ ...rpcCall(c!, srvsvcInterface.uuid), opnum: 15 }, ctx);
  assert.deepEqual(errors, []);
  assert.equal(emitted.length, 1, 'only opnum 12 is an activity');
  const a = emitted[0] as SessionEnumActivity;
  assert.equal(a.kind, 'srvsvc-sessenum');
  assert.equal(a.src, '192.168.11.101');
  assert.equal(a.dst, '192.168.12.11');
  assert.equal(a.level, 10);
  assert.equal(a.status, 5);
  assert.equal(a.statusName, 'WERR_ACCESS_DENIED');
  assert.equal(a.totalEntries, 0);
  assert.deepEqual(a.frames, [c!.requestFrame, c!.responseFrame]);
});

test('a sealed call is still an activity; a garbled answer is a counted decode error with the status kept', () => {
  const [c] = fixture.calls;
  const emitted: Activity[] = [];
  const { ctx, errors } = fakeContext(emitted);
  const base = rpcCall(c!, srvsvcInterface.uuid);
  const handler = srvsvcInterface.open(base.assoc);
  handler.onCall({ ...base, sealed: true, requestStub: null, responseStub: null, authLevel: 6 }, ctx);
  handler.onCall({ ...base, responseStub: Buffer.from('0a000000ffffffff05000000', 'hex') }, ctx);
  const [sealed, garbled] = emitted as SessionEnumActivity[];
  assert.equal(sealed?.sealed, true);
  assert.equal(sealed?.status, null);
  assert.equal(garbled?.status, 5);
  assert.equal(errors.length, 1);
  assert.match(errors[0]!, /^srvsvc NetrSessionEnum response/);
});

test('random bytes and mutated answers: only DecodeErrors (fast-check)', async () => {
  const fc = await import('fast-check');
  const answers = [false, true].flatMap((ndr64) => [...SESSION_INFO_LAYOUT.keys()].map((level) => ({ ndr64, stub: response(ndr64, level, SESSIONS) })));
  const only = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      assert.ok(e instanceof DecodeError, String(e));
    }
  };
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, ndr64) => {
      only(() => decodeSessionEnumRequest(Buffer.from(bytes), ndr64));
      only(() => decodeSessionEnumResponse(Buffer.from(bytes), ndr64));
    }),
    { numRuns: 3000, seed: 2012 },
  );
  fc.assert(
    fc.property(fc.constantFrom(...answers), fc.nat(), fc.integer({ min: 0, max: 255 }), (a, at, v) => {
      const b = Buffer.from(a.stub);
      b[at % b.length] = v;
      only(() => decodeSessionEnumResponse(b, a.ndr64));
    }),
    { numRuns: 3000, seed: 2012 },
  );
});
