/**
 * Feeds tshark-extracted TCP payloads to stream dissectors in frame order (across connections,
 * as the flow layer would), and records what RPC interface handlers receive.
 */
import type { DissectorContext, StreamDissector } from '../../../main/engine/dissector.ts';
import type { RpcCall, RpcInterfaceModule } from '../../../main/protocols/dcerpc/interface.ts';
import type { TcpStream } from './tshark-streams.ts';

export function drive(streams: TcpStream[], open: (s: TcpStream) => StreamDissector): void {
  const dissectors = new Map<number, StreamDissector>();
  const all = streams.flatMap((s) => s.segments.map((seg) => ({ s, seg })));
  all.sort((a, b) => a.seg.frame - b.seg.frame);
  for (const { s, seg } of all) {
    let d = dissectors.get(s.id);
    if (!d) {
      d = open(s);
      dissectors.set(s.id, d);
    }
    d.onData(seg.fromClient, seg.data, { frame: seg.frame, ts: seg.ts });
  }
  for (const d of dissectors.values()) d.onEnd(null);
}

/** An interface registry that answers every UUID: known modules first, else a recorder. */
export class RecordingInterfaces extends Map<string, RpcInterfaceModule> {
  readonly calls: RpcCall[] = [];

  constructor(known: RpcInterfaceModule[] = []) {
    super(known.map((m) => [m.uuid, m]));
  }

  override get(uuid: string): RpcInterfaceModule {
    const known = super.get(uuid);
    if (known) {
      return {
        ...known,
        open: (assoc) => {
          const inner = known.open(assoc);
          return { onCall: (call, ctx: DissectorContext) => (this.calls.push(call), inner.onCall(call, ctx)) };
        },
      };
    }
    return { name: `recorder ${uuid}`, uuid, open: () => ({ onCall: (call) => void this.calls.push(call) }) };
  }
}
