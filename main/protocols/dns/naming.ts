/**
 * What DNS answers tell about hosts (DESIGN.md "Names"): A and AAAA records name their address,
 * PTR records name the address their owner name encodes. Used by DNS (source 'dns') and by the
 * DNS-shaped naming protocols, LLMNR and mDNS (their own sources).
 */
import type { DissectorContext, NameSource } from '../../engine/dissector.ts';
import { learnNameOnce, reverseNameToIp } from '../naming/learn.ts';
import { TYPE_A, TYPE_AAAA, TYPE_PTR } from './constants.ts';
import type { DnsRecord } from './message.ts';

export function learnFromRecords(ctx: DissectorContext, records: readonly DnsRecord[], source: NameSource, ts: number): void {
  for (const r of records) {
    if (!r.data) continue;
    if (r.type === TYPE_A || r.type === TYPE_AAAA) learnNameOnce(ctx, r.data, r.name, source, ts);
    else if (r.type === TYPE_PTR) {
      const ip = reverseNameToIp(r.name);
      if (ip) learnNameOnce(ctx, ip, r.data, source, ts);
    }
  }
}
