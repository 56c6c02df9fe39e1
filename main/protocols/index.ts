/** Every protocol module the flow layer knows. Adding a protocol = one folder + one line here. */
import type { ProtocolModule } from '../engine/dissector.ts';
import { kerberosModule } from './kerberos/index.ts';
import { dnsModule } from './dns/index.ts';
import { namingModules } from './naming/index.ts';
import { smbModule } from './smb/index.ts';
import { dcerpcTcpModule } from './dcerpc/index.ts';

export const PROTOCOL_MODULES: readonly ProtocolModule[] = [kerberosModule, dnsModule, ...namingModules, smbModule, dcerpcTcpModule];
