/** Hard limits of the flow table: memory stays bounded whatever the capture holds. */
export const FLOW_LIMITS = {
  /** Out-of-order bytes buffered per direction of one TCP connection. */
  maxBufferedPerDirection: 1 * 1024 * 1024,
  /** Out-of-order bytes buffered over all connections. */
  maxBufferedTotal: 64 * 1024 * 1024,
  /** Out-of-order segments queued per direction. */
  maxSegmentsPerDirection: 2048,
  /** Live conversations kept (each holds a dissector); beyond, the least recently active go first. */
  maxTcpFlows: 20_000,
  maxUdpFlows: 50_000,
  /** Idle time (packet time, µs) after which a conversation is ended. */
  tcpIdleUs: 10 * 60 * 1_000_000,
  udpIdleUs: 60 * 1_000_000,
  /** How often (packet time, µs) idle conversations are looked for. */
  sweepEveryUs: 10 * 1_000_000,
};

/** Shared count of out-of-order bytes held by every connection. */
export interface BufferBudget {
  used: number;
  readonly perDirection: number;
  readonly total: number;
  readonly maxSegments: number;
}

export function newBudget(): BufferBudget {
  return { used: 0, perDirection: FLOW_LIMITS.maxBufferedPerDirection, total: FLOW_LIMITS.maxBufferedTotal, maxSegments: FLOW_LIMITS.maxSegmentsPerDirection };
}
