/**
 * SAMR decoding of real stubs (extracted from the corpus by fixtures/extract.py) against tshark, the
 * decoder of record: opnums, RIDs asked for, names and RIDs returned, and statuses, call by call.
 * Known differences, each asserted so that a change shows:
 *   - QueryInformationGroup names come from tshark's samr_GroupInfoAll.name and GetMembersInAlias SIDs
 *     from dcerpc.nt.domain_sid (neither is in tshark-facts). tshark 4.0 shows SharpHound's NDR64
 *     PSID_ARRAY with each SID under its pointer, but reads the same SIDs from the deferred layout;
 *   - tshark-facts' `rids` field (samr_RidWithAttributeArray.rids) is the array's pointer item, not the
 *     RIDs: for GetGroupsForUser we ask tshark for the answer's samr.rid values instead;
 *   - on a LookupIdsInDomain answer tshark-facts' `rid` holds the SID_NAME_USE values (1 user, 2 group);
 *   - net.exe_user__domain frame 36: the EnumerateUsers answer is a multi-fragment PDU that tshark 4.0
 *     does not reassemble over SMB2 reads, so the fixture holds the first fragment only: tshark decodes
 *     nothing and we report a truncation (the class, from the opnum, is still enumerate-users).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { corpusDir, fixtureNames, loadFixture, repoRoot, runSamr } from './samr-helpers.ts';

type Fact = Record<string, string | number | undefined>;

function tshark(args: string[]): string | null {
  try {
    return execFileSync(args[0]!, args.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch {
    return null;
  }
}

const list = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

for (const name of fixtureNames()) {
  test(`SAMR stubs of ${name} decode as tshark reads them`, (t) => {
    const fx = loadFixture(name);
    const capture = path.join(corpusDir, fx.capture);
    const out = tshark([path.resolve(repoRoot, '../shared/tools/tshark-facts'), capture, 'samr']);
    if (out === null) return t.skip('tshark not available');
    const facts = new Map<number, Fact>(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Fact)
        .map((f) => [Number(f['frame']), f]),
    );
    const answers = (filter: string, field: string): Map<number, string> => {
      const m = new Map<number, string>();
      for (const line of (tshark(['tshark', '-n', '-r', capture, '-Y', `${filter} && dcerpc.pkt_type == 2`, '-T', 'fields', '-E', 'aggregator=,', '-e', 'frame.number', '-e', field]) ?? '').split('\n')) {
        const [frame, value] = line.split('\t');
        if (frame) m.set(Number(frame), value ?? '');
      }
      return m;
    };
    const groupRids = answers('samr.opnum == 39', 'samr.rid');
    const groupNames = answers('samr.opnum == 20', 'samr.samr_GroupInfoAll.name');
    const memberSids = answers('samr.opnum == 33', 'dcerpc.nt.domain_sid');

    const { activities, errors } = runSamr(fx);
    assert.equal(activities.length, fx.calls.length, 'one activity per call');
    let compared = 0;
    activities.forEach((a, i) => {
      const c = fx.calls[i]!;
      const where = `${name} frame ${c.requestFrame} ${a.operation}`;
      const q = facts.get(c.requestFrame);
      assert.equal(q?.['opnum'], a.opnum, `${where}: opnum`);
      if (q?.['rid'] !== undefined) assert.ok(list(q['rid']) === String(a.object.rid) || list(q['rid']) === a.rids.join(','), `${where}: RID asked`);
      const r = c.responseFrame === null ? undefined : facts.get(c.responseFrame);
      if (name === 'net.exe_user__domain' && c.responseFrame === 36) {
        assert.equal(r, undefined, 'tshark decodes nothing of the first fragment');
        assert.equal(a.queryClass, 'enumerate-users');
        return;
      }
      assert.ok(r, `${where}: tshark read the answer`);
      assert.equal(a.status, parseInt(list(r['status']), 16), `${where}: status`);
      if (r['name'] !== undefined) assert.equal(a.names.join(','), list(r['name']), `${where}: names returned`);
      if (r['names'] !== undefined) assert.equal(a.names.join(','), list(r['names']), `${where}: names returned`);
      if (a.opnum === 39) assert.equal(a.rids.join(','), groupRids.get(c.responseFrame!), `${where}: group RIDs`);
      if (a.opnum === 20) assert.equal(a.names.join(','), groupNames.get(c.responseFrame!), `${where}: group name`);
      if (a.opnum === 33) assert.equal(a.members.map((m) => m.sid).join(','), memberSids.get(c.responseFrame!), `${where}: member SIDs`);
      else if (a.opnum === 18) assert.ok(/^[1-9](,[1-9])*$/.test(list(r['rid'])), `${where}: tshark shows SID_NAME_USE`);
      else if (r['rid'] !== undefined) assert.ok(list(r['rid']).startsWith(a.rids.join(',')), `${where}: RIDs returned`);
      compared++;
    });
    assert.ok(compared >= fx.calls.length - 1, 'every call compared');
    const expectedErrors = name === 'net.exe_user__domain' ? 1 : 0;
    assert.equal(errors.length, expectedErrors, errors.join('; '));
  });
}
