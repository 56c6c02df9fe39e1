/**
 * The interfaces between the flow layer (main/flow) and the protocol dissectors
 * (main/protocols/<protocol>). The core never changes when a protocol is added: a dissector
 * registers the ports it wants, and gets bytes (TCP, reassembled per direction) or datagrams (UDP).
 */
import type { Activity, SessionUser } from './activity.ts';

/** Per-packet facts handed to dissectors. Reused objects: copy what you keep. */
export interface PacketMeta {
  /** 1-based frame number in the capture, as Wireshark numbers it. */
  frame: number;
  /** Packet time, µs since epoch. */
  ts: number;
}

/** A TCP connection or UDP conversation seen from its client (the side that sent first / to the well-known port). */
export interface Conversation {
  transport: 'tcp' | 'udp';
  clientIp: string;
  clientPort: number;
  serverIp: string;
  serverPort: number;
}

export type BlindSpotKind = 'smb3Encrypted' | 'rpcEncrypted' | 'tcpGap' | 'smbCompressed';

/** Where a host name was learned from. */
export type NameSource = 'dns' | 'nbns' | 'llmnr' | 'mdns' | 'dhcp' | 'kerberos' | 'ntlmssp' | 'smb' | 'srvsvc' | 'declared';
/** Where a role was learned from. */
export type RoleSource = 'kerberos-answer' | 'dns-answers' | 'declared' | 'samr-answer' | 'smb-server';
export type HostRole = 'dc' | 'dns-server';

/** What a dissector may do with what it decoded. */
export interface DissectorContext {
  /** Report a decoded fact (goes to the detectors and, as evidence, to the store). */
  emit(activity: Activity): void;
  /** A host name learned from traffic. Names are untrusted strings; the store escapes nothing, the UI does. */
  learnName(ip: string, name: string, source: NameSource, ts: number): void;
  /** A role learned from traffic (e.g. a host that answers Kerberos is a KDC/DC). */
  learnRole(ip: string, role: HostRole, source: RoleSource, ts: number, detail?: string): void;
  /** Traffic that was seen but cannot be read (SMB3 encryption, RPC packet privacy, TCP gaps). */
  blindSpot(kind: BlindSpotKind, client: string, server: string, count?: number): void;
  /** A decode failure in one PDU: counted per protocol and reason, the dissector resyncs. */
  decodeError(protocol: string, reason: string, frame: number): void;
  /** The endpoint mapper handed out a dynamic TCP port: traffic to it is DCE/RPC from now on. */
  learnRpcPort(ip: string, port: number): void;
  /** The SMB session user for (client, server) when known (set by SMB, read by RPC dissectors). */
  sessionUsers: SessionUserBook;
}

/** Tracks which user authenticated SMB sessions between hosts, and Kerberos TGS for cifs/<server>. */
export interface SessionUserBook {
  /** The user of the SMB session client -> server; falls back to a cifs ticket for one of the server's names; else source 'unknown'. */
  get(clientIp: string, serverIp: string): SessionUser;
  set(clientIp: string, serverIp: string, user: SessionUser): void;
  /** A Kerberos service ticket (TGS-REP) the client got, e.g. service 'cifs', host 'dc01.corp.local'. */
  noteServiceTicket(clientIp: string, service: string, host: string, user: SessionUser, ts: number): void;
}

/** Bytes of one TCP connection, in order, per direction. */
export interface StreamDissector {
  /** In-order bytes from one side. `data` is a view valid only during the call: copy what you keep. */
  onData(fromClient: boolean, data: Buffer, meta: PacketMeta): void;
  /** Bytes missing in one direction (lost or not captured): drop partial PDUs and resync. */
  onGap(fromClient: boolean, missingBytes: number, meta: PacketMeta): void;
  /** The connection ended (FIN/RST, eviction or end of capture). */
  onEnd(meta: PacketMeta | null): void;
}

/** UDP payloads of a conversation. */
export interface DatagramDissector {
  onDatagram(fromClient: boolean, data: Buffer, meta: PacketMeta): void;
  onEnd?(meta: PacketMeta | null): void;
}

/** A protocol's registration with the flow layer. */
export interface ProtocolModule {
  name: string;
  /** Well-known server ports for TCP (e.g. 88, 445). */
  tcpPorts: readonly number[];
  /** Well-known server ports for UDP. */
  udpPorts: readonly number[];
  /** Create the per-connection state (called once per TCP connection). */
  openStream?(conv: Conversation, ctx: DissectorContext): StreamDissector;
  /** Create the per-conversation state for UDP (called once per UDP 4-tuple). */
  openDatagram?(conv: Conversation, ctx: DissectorContext): DatagramDissector;
  /** Ports learned at run time (DCE/RPC dynamic ports) are handed to this module when set. */
  dynamicTcp?: 'dcerpc';
}
