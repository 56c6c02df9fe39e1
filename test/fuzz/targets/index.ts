/** Every fuzz target, in the order a round runs them. */
import type { Target } from './common.ts';
import { gzipTarget, pcapTarget, pcapngTarget, truncatedFileTarget } from './capture.ts';
import { fragmentsTarget, linkIpTarget, tcpTarget } from './net.ts';
import { dcerpcPduTarget, derTarget, dhcpTarget, dnsTarget, epmTarget, netbiosTarget, samrTarget, smb1Target, smb2Target, srvsvcTarget } from './messages.ts';
import { datagramTarget, dcerpcStreamTarget, dnsStreamTarget, kerberosStreamTarget, smbStreamTarget } from './streams.ts';
import { pipelineTarget } from './pipeline.ts';

export const TARGETS: readonly Target[] = [
  pcapTarget, pcapngTarget, gzipTarget, truncatedFileTarget,
  linkIpTarget, fragmentsTarget, tcpTarget,
  derTarget, dnsTarget, dhcpTarget, netbiosTarget, smb1Target, smb2Target, dcerpcPduTarget, srvsvcTarget, samrTarget, epmTarget,
  kerberosStreamTarget, dnsStreamTarget, smbStreamTarget, dcerpcStreamTarget, datagramTarget,
  pipelineTarget,
];

export function targetByName(name: string): Target {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target ${name}`);
  return t;
}
