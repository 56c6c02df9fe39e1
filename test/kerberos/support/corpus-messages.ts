/**
 * Kerberos messages of a corpus capture, decoded by our decoder and keyed by the frame where the
 * message completes (where Wireshark shows it), for comparison with tshark's reading.
 */
import { LengthPrefixedFramer } from '../../../main/protocols/dns/length-prefixed.ts';
import { decodeKerberosMessage, type KerberosMessage } from '../../../main/protocols/kerberos/messages.ts';
import { readFrames } from './replay.ts';

export function kerberosMessagesByFrame(file: string): Map<number, KerberosMessage[]> {
  const out = new Map<number, KerberosMessage[]>();
  const add = (frame: number, data: Buffer): void => {
    const list = out.get(frame) ?? [];
    list.push(decodeKerberosMessage(data));
    out.set(frame, list);
  };
  const framers = new Map<string, LengthPrefixedFramer>();
  for (const f of readFrames(file, [88])) {
    if (f.transport === 'udp') {
      add(f.frame, f.payload);
      continue;
    }
    const key = `${f.src}:${f.sport}>${f.dst}:${f.dport}`;
    let framer = framers.get(key);
    if (!framer) {
      framer = new LengthPrefixedFramer(4, 1 << 20, (r) => add(r.meta.frame, r.data), (reason) => {
        throw new Error(reason);
      });
      framers.set(key, framer);
    }
    framer.push(f.payload, { frame: f.frame, ts: f.ts });
  }
  return out;
}
