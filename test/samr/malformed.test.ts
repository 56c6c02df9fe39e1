/**
 * Hostile and damaged SAMR stubs: every real stub of the fixtures cut at every offset, absurd counts,
 * lying lengths. The decoders throw DecodeError (counted by the interface, call kept) and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSamrRequest } from '../../main/protocols/samr/requests.ts';
import { decodeSamrResponse } from '../../main/protocols/samr/responses.ts';
import { DecodeError } from '../../main/util/cursor.ts';
import { NdrWriter } from '../ndr/ndr-writer.ts';
import { fixtureNames, loadFixture, runSamr } from './samr-helpers.ts';

function onlyDecodeErrors(run: () => unknown, where: string): void {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof DecodeError, `${where}: ${String(e)}`);
  }
}

test('every fixture stub cut at every offset: DecodeError or a result, never another error', () => {
  let cuts = 0;
  for (const name of fixtureNames()) {
    for (const c of loadFixture(name).calls) {
      const level = c.request ? decodeSamrRequest(c.opnum, Buffer.from(c.request, 'hex'), c.ndr64).level : undefined;
      for (const [kind, hex] of [['request', c.request], ['response', c.response]] as const) {
        if (!hex) continue;
        const stub = Buffer.from(hex, 'hex');
        for (let n = 0; n < stub.length; n++) {
          const cut = stub.subarray(0, n);
          const where = `${name} frame ${c.requestFrame} ${kind} cut at ${n}`;
          onlyDecodeErrors(() => (kind === 'request' ? decodeSamrRequest(c.opnum, cut, c.ndr64) : decodeSamrResponse(c.opnum, level, cut, c.ndr64)), where);
          cuts++;
        }
      }
    }
  }
  assert.ok(cuts > 30_000, `${cuts} cuts`);
});

test('the interface survives cut stubs: every call still an activity, errors counted', () => {
  const fx = loadFixture('sharphound_domain_z');
  fx.calls = fx.calls.map((c) => ({ ...c, response: c.response ? c.response.slice(0, Math.floor(c.response.length / 4) * 2) : null }));
  const { activities, errors } = runSamr(fx);
  assert.equal(activities.length, fx.calls.length);
  assert.ok(errors.length > 0 && errors.every((e) => e.startsWith('samr ')), errors[0]);
});

test('absurd counts in answers are refused before allocation', () => {
  for (const ndr64 of [false, true]) {
    // GetMembersInAlias: Count 1, Sids -> array with a conformance of 2^32-1.
    const alias = new NdrWriter(ndr64).alignPtr().u32(1).ptr(true).count(0xffffffff).u32(0).done();
    assert.throws(() => decodeSamrResponse(33, undefined, alias, ndr64), /over cap/);
    // GetMembersInGroup: 100 000 members claimed in a 40-byte stub.
    const group = new NdrWriter(ndr64).ptr(true).alignPtr().u32(100_000).ptr(true).ptr(true).count(100_000).u32(0).done();
    assert.throws(() => decodeSamrResponse(25, undefined, group, ndr64), /needs \d+ bytes/);
    // LookupNames request: Count 1 but 3 names sent.
    const names = new NdrWriter(ndr64).handle(1).u32(1).count(1000).count(0).count(3);
    for (const n of ['a', 'b', 'c']) names.ustringHeader(n);
    for (const n of ['a', 'b', 'c']) names.ustringBody(n);
    assert.throws(() => decodeSamrRequest(17, names.done(), ndr64), /3 names for Count 1/);
  }
});

test('a display answer whose union arm is not the class asked for is an error', () => {
  const w = new NdrWriter(true).u32(0).u32(0).alignPtr().enumValue(3).alignPtr().u32(0).ptr(false).u32(0).done();
  assert.throws(() => decodeSamrResponse(40, 1, w, true), /union arm 3, class asked 1/);
  const groups = decodeSamrResponse(40, 3, w, true);
  assert.deepEqual(groups.entries, []);
});

test('QueryDisplayInformation groups (NDR64), built by hand: RIDs and names', () => {
  const w = new NdrWriter(true).u32(100).u32(2).alignPtr().enumValue(3).alignPtr().u32(2).ptr(true).count(2);
  w.alignPtr().u32(0).u32(512).u32(7).ustringHeader('Domain Admins').ustringHeader(null);
  w.alignPtr().u32(1).u32(513).u32(7).ustringHeader('Domain Users').ustringHeader(null);
  w.ustringBody('Domain Admins').ustringBody('Domain Users').u32(0);
  const r = decodeSamrResponse(40, 3, w.done(), true);
  assert.deepEqual(r.entries, [
    { rid: 512, name: 'Domain Admins' },
    { rid: 513, name: 'Domain Users' },
  ]);
});

test('random bytes and mutated real stubs: only DecodeErrors (fast-check)', async () => {
  const fc = await import('fast-check');
  const stubs = fixtureNames().flatMap((n) =>
    loadFixture(n).calls.flatMap((c) => (c.response ? [{ opnum: c.opnum, ndr64: c.ndr64, stub: Buffer.from(c.response, 'hex'), request: c.request }] : [])),
  );
  const opnums = [...new Set(stubs.map((s) => s.opnum))];
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(...opnums), fc.boolean(), fc.integer({ min: 0, max: 30 }), (bytes, opnum, ndr64, level) => {
      const b = Buffer.from(bytes);
      onlyDecodeErrors(() => decodeSamrRequest(opnum, b, ndr64), `request ${opnum}`);
      onlyDecodeErrors(() => decodeSamrResponse(opnum, level, b, ndr64), `response ${opnum}`);
    }),
    { numRuns: 3000, seed: 2021 },
  );
  fc.assert(
    fc.property(fc.constantFrom(...stubs), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (s, edits) => {
      const b = Buffer.from(s.stub);
      for (const [at, v] of edits) b[at % b.length] = v;
      const level = s.request ? (decodeSamrRequest(s.opnum, Buffer.from(s.request, 'hex'), s.ndr64).level ?? undefined) : undefined;
      onlyDecodeErrors(() => decodeSamrResponse(s.opnum, level, b, s.ndr64), `mutated ${s.opnum}`);
    }),
    { numRuns: 3000, seed: 2021 },
  );
});
