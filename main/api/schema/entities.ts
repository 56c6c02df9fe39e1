/** Hosts and accounts. Imports only zod. */
import { z } from 'zod';
import { AlertRow } from './alerts.ts';
import { Limit, Offset, Text } from './common.ts';

export const RoleFact = z.object({ role: z.enum(['dc', 'dns-server']), source: z.string(), detail: z.string().nullable() });

export const HostRow = z.object({
  ip: z.string(),
  name: z.string().nullable(),
  names: z.array(z.string()),
  roles: z.array(RoleFact),
  firstSeen: z.number().nullable(),
  lastSeen: z.number().nullable(),
  alertsAsSource: z.number().int(),
  alertsAsTarget: z.number().int(),
});
export type HostRow = z.infer<typeof HostRow>;

export const HostsListArgs = z
  .object({ text: Text(200).optional(), role: z.enum(['dc', 'dns-server']).optional(), offset: Offset, limit: Limit(1000, 500) })
  .strict();
export const HostsListResult = z.object({ total: z.number().int(), rows: z.array(HostRow) });

export const HostDetail = z.object({
  host: HostRow,
  namesLearned: z.array(z.object({ name: z.string(), source: z.string(), firstSeen: z.number().nullable() })),
  alertsAsSource: z.array(AlertRow),
  alertsAsTarget: z.array(AlertRow),
  exclusions: z.array(z.object({ id: z.number().int(), detection: z.string(), fromAlert: z.number().int().nullable(), note: z.string().nullable() })),
  accounts: z.array(z.string()),
  /** Activities by kind per time bucket, for the host's timeline. */
  activity: z.object({ bucketUs: z.number(), buckets: z.array(z.object({ t: z.number(), counts: z.record(z.string(), z.number()) })) }),
});
export type HostDetail = z.infer<typeof HostDetail>;

export const AccountRow = z.object({
  name: z.string(),
  domain: z.string().nullable(),
  rid: z.number().int().nullable(),
  sensitive: z.boolean(),
  reasons: z.array(z.string()),
  tagged: z.boolean(),
  firstSeen: z.number().nullable(),
  lastSeen: z.number().nullable(),
  exposedIn: z.number().int(),
});
export type AccountRow = z.infer<typeof AccountRow>;
export const AccountsListArgs = z
  .object({ text: Text(200).optional(), sensitiveOnly: z.boolean().optional(), offset: Offset, limit: Limit(1000, 500) })
  .strict();
export const AccountsListResult = z.object({ total: z.number().int(), rows: z.array(AccountRow) });

export const AccountDetail = z.object({
  account: AccountRow,
  exposedIn: z.array(AlertRow),
  /** Activities about or by this account, by kind (krb-as guesses, SMB sessions, SAMR queries). */
  activityByKind: z.record(z.string(), z.number()),
  hosts: z.array(z.string()),
});
export type AccountDetail = z.infer<typeof AccountDetail>;
export const TagArgs = z.object({ name: z.string().min(1).max(256), tagged: z.boolean(), note: Text(500).optional() }).strict();
