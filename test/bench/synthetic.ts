/**
 * Synthetic background traffic for the benchmark capture: what a small office network carries
 * besides Active Directory — TLS/HTTP/RDP/SSH TCP flows (mostly full-size segments and ACKs), QUIC,
 * NTP, syslog and SSDP over UDP, ARP, ICMP, and DNS lookups with answers (port 53 is a port of
 * interest, as in real traffic). Frames are written straight into a caller's buffer.
 */
const PATTERN = Buffer.from(Array.from({ length: 1600 }, (_, i) => (i * 131 + 17) & 0xff));

export class Rng {
  constructor(private s = 0x2545f491) {}
  next(): number {
    // xorshift32: deterministic, so the same size always gives the same file.
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 0x1_0000_0000;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

interface Flow {
  client: number;
  server: number;
  sport: number;
  dport: number;
  seqC: number;
  seqS: number;
}

const TCP_PORTS = [443, 443, 443, 80, 8080, 3389, 22, 993];
const UDP_PORTS = [443, 123, 514, 1900];

function ethHeader(b: Buffer, off: number, type: number): number {
  PATTERN.copy(b, off, 0, 12);
  b.writeUInt16BE(type, off + 12);
  return off + 14;
}

function ipv4Header(b: Buffer, off: number, proto: number, src: number, dst: number, len: number, id: number): number {
  b[off] = 0x45;
  b[off + 1] = 0;
  b.writeUInt16BE(len, off + 2);
  b.writeUInt16BE(id & 0xffff, off + 4);
  b.writeUInt16BE(0x4000, off + 6);
  b[off + 8] = 64;
  b[off + 9] = proto;
  b.writeUInt16BE(0, off + 10);
  b.writeUInt32BE(src >>> 0, off + 12);
  b.writeUInt32BE(dst >>> 0, off + 16);
  return off + 20;
}

export class BackgroundTraffic {
  private readonly flows: Flow[] = [];
  private id = 1;
  private dnsId = 1;

  constructor(private readonly rng: Rng) {
    for (let i = 0; i < 2000; i++) this.flows.push(this.newFlow());
  }

  private newFlow(): Flow {
    const r = this.rng;
    return {
      client: (10 << 24) | (1 << 16) | r.int(65536),
      server: (((100 + r.int(100)) << 24) | r.int(1 << 24)) >>> 0,
      sport: 49152 + r.int(16000),
      dport: TCP_PORTS[r.int(TCP_PORTS.length)]!,
      seqC: r.int(0x7fffffff),
      seqS: r.int(0x7fffffff),
    };
  }

  /** Write one frame at b[off]; returns its length. */
  frame(b: Buffer, off: number): number {
    const x = this.rng.next();
    if (x < 0.8) return this.tcp(b, off);
    if (x < 0.95) return this.udp(b, off);
    if (x < 0.99) return this.dns(b, off);
    return this.arp(b, off);
  }

  private tcp(b: Buffer, off: number): number {
    const r = this.rng;
    const i = r.int(this.flows.length);
    const f = this.flows[i]!;
    if (r.next() < 0.002) this.flows[i] = this.newFlow();
    const toServer = r.next() < 0.35;
    const y = r.next();
    const payload = y < 0.6 ? 0 : y < 0.88 ? 1460 : r.int(1400);
    const p = ipv4Header(b, ethHeader(b, off, 0x0800), 6, toServer ? f.client : f.server, toServer ? f.server : f.client, 40 + payload, this.id++);
    b.writeUInt16BE(toServer ? f.sport : f.dport, p);
    b.writeUInt16BE(toServer ? f.dport : f.sport, p + 2);
    b.writeUInt32BE((toServer ? f.seqC : f.seqS) >>> 0, p + 4);
    b.writeUInt32BE((toServer ? f.seqS : f.seqC) >>> 0, p + 8);
    b[p + 12] = 0x50;
    b[p + 13] = payload ? 0x18 : 0x10;
    b.writeUInt32BE(0xffff0000, p + 14);
    b.writeUInt16BE(0, p + 18);
    PATTERN.copy(b, p + 20, 0, payload);
    if (toServer) f.seqC = (f.seqC + payload) >>> 0;
    else f.seqS = (f.seqS + payload) >>> 0;
    return p + 20 + payload - off;
  }

  private udp(b: Buffer, off: number): number {
    const r = this.rng;
    const port = UDP_PORTS[r.int(UDP_PORTS.length)]!;
    const payload = port === 443 ? 1200 + r.int(150) : port === 123 ? 48 : 80 + r.int(300);
    const p = ipv4Header(b, ethHeader(b, off, 0x0800), 17, (10 << 24) | (1 << 16) | r.int(65536), (((100 + r.int(100)) << 24) | r.int(1 << 24)) >>> 0, 28 + payload, this.id++);
    b.writeUInt16BE(49152 + r.int(16000), p);
    b.writeUInt16BE(port, p + 2);
    b.writeUInt16BE(8 + payload, p + 4);
    b.writeUInt16BE(0, p + 6);
    PATTERN.copy(b, p + 8, 0, payload);
    return p + 8 + payload - off;
  }

  /** A standard A query for hostNNN.example.com, or its answer from the resolver 10.1.0.53. */
  private dns(b: Buffer, off: number): number {
    const r = this.rng;
    const client = (10 << 24) | (1 << 16) | (1 + r.int(60000));
    const resolver = (10 << 24) | (1 << 16) | 53;
    const answer = r.next() < 0.5;
    const name = `host${r.int(5000)}`;
    const q = Buffer.concat([Buffer.from([name.length]), Buffer.from(name), Buffer.from('\x07example\x03com\x00', 'latin1'), Buffer.from([0, 1, 0, 1])]);
    const rr = answer ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 10, 2, r.int(256), r.int(256)]) : Buffer.alloc(0);
    const dnsLen = 12 + q.length + rr.length;
    const p = ipv4Header(b, ethHeader(b, off, 0x0800), 17, answer ? resolver : client, answer ? client : resolver, 28 + dnsLen, this.id++);
    const sport = 50000 + (this.dnsId % 10000);
    b.writeUInt16BE(answer ? 53 : sport, p);
    b.writeUInt16BE(answer ? sport : 53, p + 2);
    b.writeUInt16BE(8 + dnsLen, p + 4);
    b.writeUInt16BE(0, p + 6);
    const d = p + 8;
    b.writeUInt16BE(this.dnsId++ & 0xffff, d);
    b.writeUInt16BE(answer ? 0x8180 : 0x0100, d + 2);
    b.writeUInt16BE(1, d + 4);
    b.writeUInt16BE(answer ? 1 : 0, d + 6);
    b.writeUInt32BE(0, d + 8);
    q.copy(b, d + 12);
    rr.copy(b, d + 12 + q.length);
    return d + dnsLen - off;
  }

  private arp(b: Buffer, off: number): number {
    const p = ethHeader(b, off, 0x0806);
    PATTERN.copy(b, p, 0, 28);
    return p + 28 + 18 - off; // padded to the 60-byte minimum
  }
}
