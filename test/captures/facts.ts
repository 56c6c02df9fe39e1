// Facts about a capture, computed with Wireshark's tools (capinfos, tshark), for the capture
// manifest (test/captures/manifest.json) and its CI check (manifest.test.ts).
//
// Facts are a flat map "description" -> count, so that a manifest diff reads like a sentence:
//   "kerberos KRB-ERROR 6 10.66.0.10 -> 10.66.0.66": 19
// They are computed from tshark's dissection (-n, default preferences), independently of the
// engine: they say what is in the bytes, the golden tests say what ReconLens makes of it.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type Facts = Record<string, number>;

export interface FileFacts {
  sha256: string;
  bytes: number;
  packets: number;
  format: string;
  encapsulation: string;
}

/** True when `tool` (capinfos, tshark) can be run. */
export function haveTool(tool: string): boolean {
  const r = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return r.status === 0;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** sha256 and size from the bytes; packets, file format and link type from capinfos. */
export function fileFacts(file: string): FileFacts {
  const bytes = readFileSync(file).length;
  // -M: exact numbers; -c packets, -t file type, -E encapsulation
  const out = run('capinfos', ['-M', '-c', '-t', '-E', file]);
  const field = (name: string): string => {
    const m = out.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'));
    if (!m?.[1]) throw new Error(`capinfos gave no "${name}" for ${file}`);
    return m[1].trim();
  };
  return {
    sha256: sha256(file),
    bytes,
    packets: Number(field('Number of packets')),
    format: field('File type'),
    encapsulation: field('File encapsulation'),
  };
}

// One tshark pass; each row is one frame of interest, fields tab-separated, repeated values of a
// field joined by ','.
const FIELDS = [
  'ip.src', 'ip.dst',
  'kerberos.msg_type', 'kerberos.error_code', 'kerberos.CNameString',
  'dns.flags.response', 'dns.qry.type', 'dns.qry.name', 'dns.flags.rcode', 'dns.count.answers',
  'dcerpc.pkt_type', 'dcerpc.auth_level', 'srvsvc.opnum', 'srvsvc.srvsvc_NetSessEnum.level', 'srvsvc.werror',
  'samr.opnum',
  'smb2.header.transform.msg_size',
  'ntlmssp.auth.domain', 'ntlmssp.auth.username', 'ntlmssp.auth.hostname',
] as const;
type Field = (typeof FIELDS)[number];
const FILTER = 'kerberos || dns.qry.type == 251 || dns.qry.type == 252 || srvsvc.opnum == 12 || samr || dcerpc.auth_level == 6 || ' +
  'smb2.header.transform.msg_size || ntlmssp.messagetype == 3';

const KRB_MSG: Record<string, string> = {
  '10': 'AS-REQ', '11': 'AS-REP', '12': 'TGS-REQ', '13': 'TGS-REP', '14': 'AP-REQ', '15': 'AP-REP', '30': 'KRB-ERROR',
};
const XFR: Record<string, string> = { '251': 'IXFR', '252': 'AXFR' };

/** Key facts from tshark: Kerberos, zone transfers, NetrSessionEnum, SAMR, RPC sealing, SMB3 encryption, NTLM users. */
export function protocolFacts(file: string): Facts {
  const args = ['-n', '-r', file, '-Y', FILTER, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,'];
  for (const f of FIELDS) args.push('-e', f);
  const out = run('tshark', args);
  const facts: Facts = {};
  const add = (k: string, n = 1): void => { facts[k] = (facts[k] ?? 0) + n; };
  const names = new Map<string, Set<string>>();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const cols = line.split('\t');
    const row = {} as Record<Field, string[]>;
    FIELDS.forEach((f, i) => { row[f] = cols[i] ? cols[i].split(',') : []; });
    const src = row['ip.src'][0] ?? '?', dst = row['ip.dst'][0] ?? '?';
    const flow = `${src} -> ${dst}`;

    row['kerberos.msg_type'].forEach((t, i) => {
      const name = KRB_MSG[t] ?? `msg ${t}`;
      if (t === '30') add(`kerberos KRB-ERROR ${row['kerberos.error_code'][i] ?? row['kerberos.error_code'][0] ?? '?'} ${flow}`);
      else add(`kerberos ${name} ${flow}`);
      if (t === '10') {
        const cname = row['kerberos.CNameString'][i] ?? row['kerberos.CNameString'][0];
        if (cname) { const s = names.get(flow) ?? new Set<string>(); s.add(cname.toLowerCase()); names.set(flow, s); }
      }
    });

    const qtype = row['dns.qry.type'][0];
    if (qtype && XFR[qtype]) {
      const zone = row['dns.qry.name'][0] ?? '?';
      if (row['dns.flags.response'][0] === '1' || row['dns.flags.response'][0] === 'True') {
        const rcode = row['dns.flags.rcode'][0] ?? '?';
        add(`dns ${XFR[qtype]} response messages ${flow} ${zone} rcode ${rcode}`);
        add(`dns ${XFR[qtype]} response records ${flow} ${zone}`, Number(row['dns.count.answers'][0] ?? 0));
      } else {
        add(`dns ${XFR[qtype]} request ${flow} ${zone}`);
      }
    }

    row['srvsvc.opnum'].forEach((op, i) => {
      if (op !== '12') return;
      const pkt = row['dcerpc.pkt_type'][i] ?? row['dcerpc.pkt_type'][0];
      const level = row['srvsvc.srvsvc_NetSessEnum.level'][i] ?? row['srvsvc.srvsvc_NetSessEnum.level'][0] ?? '?';
      if (pkt === '0') add(`srvsvc NetrSessionEnum request ${flow} level ${level}`);
      else if (pkt === '2') add(`srvsvc NetrSessionEnum response ${flow} level ${level} werror ${row['srvsvc.werror'][0] ?? '?'}`);
      else add(`srvsvc NetrSessionEnum pdu type ${pkt} ${flow}`);
    });

    row['samr.opnum'].forEach((op, i) => {
      const pkt = row['dcerpc.pkt_type'][i] ?? row['dcerpc.pkt_type'][0];
      if (pkt === '0') add(`samr request ${flow} opnum ${op}`);
    });

    row['dcerpc.auth_level'].forEach((lvl, i) => {
      if (lvl === '6' && (row['dcerpc.pkt_type'][i] ?? row['dcerpc.pkt_type'][0]) === '0') add(`dcerpc packet-privacy requests ${flow}`);
    });

    if (row['smb2.header.transform.msg_size'].length) add(`smb3 encrypted frames ${flow}`);

    row['ntlmssp.auth.username'].forEach((u, i) => {
      const d = row['ntlmssp.auth.domain'][i] ?? '';
      const h = row['ntlmssp.auth.hostname'][i] ?? '';
      add(`ntlmssp auth ${src} ${d}\\${u} workstation ${h}`);
    });
  }
  for (const [flow, s] of names) facts[`kerberos AS-REQ distinct names ${flow}`] = s.size;
  return sortFacts(facts);
}

export function sortFacts(f: Facts): Facts {
  const out: Facts = {};
  for (const k of Object.keys(f).sort()) out[k] = f[k] as number;
  return out;
}

export function tsharkVersion(): string {
  return (run('tshark', ['--version']).split('\n')[0] ?? '').trim();
}
