/** Host naming protocols (DESIGN.md "Names"), read per packet on their UDP ports for names only. */
import type { ProtocolModule } from '../../engine/dissector.ts';
import { dhcpModule } from './dhcp.ts';
import { llmnrModule, mdnsModule } from './multicast-dns.ts';
import { nbnsModule } from './nbns.ts';

export const namingModules: ProtocolModule[] = [nbnsModule, llmnrModule, mdnsModule, dhcpModule];
