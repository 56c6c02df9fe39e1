/**
 * A test-only ProtocolModule that records what the flow layer hands it (opens, bytes, gaps, ends,
 * datagrams) as readable strings, optionally emitting an activity for each chunk of data.
 */
import type { Conversation, DissectorContext, ProtocolModule } from '../../main/engine/dissector.ts';

export interface Recorded {
  conv: Conversation;
  events: string[];
  /** Bytes from the client / server, concatenated (gaps as '?' per missing byte, capped). */
  client: Buffer[];
  server: Buffer[];
}

export interface RecordingModule extends ProtocolModule {
  opened: Recorded[];
}

export interface RecordingOptions {
  name?: string;
  tcpPorts?: number[];
  udpPorts?: number[];
  dynamicTcp?: 'dcerpc';
  /** Throw this from onData when the data equals the trigger text. */
  throwOn?: { text: string; error: () => Error };
  /** Called on each data chunk (e.g. to emit activities or learn RPC ports). */
  onData?(ctx: DissectorContext, conv: Conversation, fromClient: boolean, data: Buffer, frame: number, ts: number): void;
}

export function recordingModule(o: RecordingOptions = {}): RecordingModule {
  const opened: Recorded[] = [];
  const mod: RecordingModule = {
    name: o.name ?? 'test',
    tcpPorts: o.tcpPorts ?? [],
    udpPorts: o.udpPorts ?? [],
    ...(o.dynamicTcp ? { dynamicTcp: o.dynamicTcp } : {}),
    opened,
    openStream(conv, ctx) {
      const r: Recorded = { conv, events: ['open'], client: [], server: [] };
      opened.push(r);
      return {
        onData(fromClient, data, meta) {
          if (o.throwOn && data.toString() === o.throwOn.text) throw o.throwOn.error();
          (fromClient ? r.client : r.server).push(Buffer.from(data));
          r.events.push(`${fromClient ? 'c' : 's'}:${data.toString()}@${meta.frame}`);
          o.onData?.(ctx, conv, fromClient, data, meta.frame, meta.ts);
        },
        onGap(fromClient, missing) {
          r.events.push(`${fromClient ? 'c' : 's'}:gap ${missing}`);
        },
        onEnd(meta) {
          r.events.push(`end${meta ? `@${meta.frame}` : ''}`);
        },
      };
    },
    openDatagram(conv, ctx) {
      const r: Recorded = { conv, events: ['open'], client: [], server: [] };
      opened.push(r);
      return {
        onDatagram(fromClient, data, meta) {
          if (o.throwOn && data.toString() === o.throwOn.text) throw o.throwOn.error();
          r.events.push(`${fromClient ? 'c' : 's'}:${data.toString()}@${meta.frame}`);
          o.onData?.(ctx, conv, fromClient, data, meta.frame, meta.ts);
        },
        onEnd(meta) {
          r.events.push(`end${meta ? `@${meta.frame}` : ''}`);
        },
      };
    },
  };
  return mod;
}
