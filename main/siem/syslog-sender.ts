/**
 * Sends syslog messages over UDP (one datagram each) or TCP (octet-counted frames on one
 * connection). A SIEM that is down must not stop detection: send never throws; failures are
 * counted and the first one of a run is reported once through onError. TCP reconnects on the next
 * message after a failure; messages sent while connecting wait in a bounded queue.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createConnection, type Socket } from 'node:net';
import { octetCounted, type SyslogTarget } from './syslog-format.ts';

/** Datagrams above this are cut: most receivers drop bigger ones, and IPv4 UDP cannot carry 64 KB. */
export const MAX_UDP_BYTES = 8192;
const MAX_QUEUE = 10_000;

export interface SyslogSender {
  send(message: string): void;
  /** Flush what is queued and close; resolves when done (or failed). */
  close(): Promise<void>;
  readonly failures: number;
}

export function createSyslogSender(target: SyslogTarget, onError: (err: Error) => void = () => {}): SyslogSender {
  return target.protocol === 'udp' ? udpSender(target, onError) : tcpSender(target, onError);
}

function udpSender(t: SyslogTarget, onError: (e: Error) => void): SyslogSender {
  const sock: UdpSocket = createSocket(t.host.includes(':') ? 'udp6' : 'udp4');
  let failures = 0;
  let inFlight = 0;
  let drained: (() => void) | null = null;
  sock.on('error', (e) => fail(e));
  function fail(e: Error): void {
    if (failures++ === 0) onError(new Error(`syslog udp://${t.host}:${t.port}: ${e.message}`));
  }
  return {
    get failures() {
      return failures;
    },
    send(message) {
      let buf = Buffer.from(message, 'utf8');
      if (buf.length > MAX_UDP_BYTES) buf = buf.subarray(0, MAX_UDP_BYTES);
      inFlight++;
      sock.send(buf, t.port, t.host, (err) => {
        if (err) fail(err);
        if (--inFlight === 0 && drained) drained();
      });
    },
    close() {
      return new Promise((resolve) => {
        const finish = (): void => {
          sock.close(() => resolve());
        };
        if (inFlight === 0) finish();
        else drained = finish;
      });
    },
  };
}

function tcpSender(t: SyslogTarget, onError: (e: Error) => void): SyslogSender {
  let sock: Socket | null = null;
  let connected = false;
  let failures = 0;
  const queue: Buffer[] = [];
  function fail(e: Error): void {
    if (failures++ === 0) onError(new Error(`syslog tcp://${t.host}:${t.port}: ${e.message}`));
  }
  function connect(): void {
    const s = createConnection({ host: t.host, port: t.port });
    sock = s;
    connected = false;
    s.setNoDelay(true);
    s.on('connect', () => {
      connected = true;
      for (const b of queue.splice(0)) s.write(b);
    });
    s.on('error', (e) => fail(e));
    s.on('close', () => {
      if (sock === s) sock = null;
      connected = false;
    });
  }
  return {
    get failures() {
      return failures;
    },
    send(message) {
      const frame = octetCounted(message);
      if (!sock) connect();
      if (connected && sock) sock.write(frame);
      else if (queue.length < MAX_QUEUE) queue.push(frame);
      else fail(new Error('queue full, message dropped'));
    },
    close() {
      return new Promise((resolve) => {
        const s = sock;
        if (!s) return resolve();
        const end = (): void => {
          s.end(() => resolve());
        };
        s.once('close', () => resolve());
        if (connected) end();
        else s.once('connect', end);
      });
    },
  };
}
