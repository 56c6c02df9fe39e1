import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { frameRanges, wiresharkFilter, writeSlice } from '../../main/api/pcap-slice.ts';

test('frame lists collapse to ranges for editcap and Wireshark', () => {
  assert.deepEqual(frameRanges([5, 1, 2, 3, 9, 3]), ['1-3', '5', '9']);
  assert.equal(wiresharkFilter([1201, 1202, 1203, 1302]), 'frame.number in {1201..1203 1302}');
});

const corpus = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'samr-enum-lab', 'net.exe_user__domain.pcapng');
test('a slice holds exactly the chosen frames, as pcapng', { skip: !existsSync(corpus) && `${corpus} is absent` }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'reconlens-slice-')), 'slice.pcapng');
  await writeSlice(corpus, out, [3, 4, 5, 10]);
  const info = execFileSync('capinfos', ['-c', '-t', '-M', out], { encoding: 'utf8' });
  assert.match(info, /Number of packets:\s+4/);
  assert.match(info, /pcapng/);
});
