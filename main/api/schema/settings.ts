/** Settings (validated inline: each field has its own rule and message). Imports only zod. */
import { z } from 'zod';

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const ipv6 = /^[0-9a-fA-F:]+$/;
export const IpAddress = z.string().refine((s) => ipv4.test(s) || (s.includes(':') && ipv6.test(s)), 'not an IP address');

export const Settings = z.object({
  analyst: z.string().trim().min(1, 'required').max(100),
  dcs: z.array(IpAddress).max(200),
  dnsServers: z.array(IpAddress).max(200),
  /** 2003: distinct unknown names within the window that raise the alert. */
  enumUnknownNames: z.number().int().min(2, 'at least 2').max(100_000),
  enumWindowMin: z.number().int().min(1, 'at least 1 minute').max(7 * 24 * 60),
  /** Alerts keep merging new activity within this many hours of their last. */
  mergeWindowH: z.number().int().min(1).max(24 * 30),
  samrLearningDays: z.number().min(0).max(365),
  wiresharkPath: z.string().max(4096),
  timeZone: z.enum(['utc', 'local']),
  theme: z.enum(['system', 'light', 'dark']),
  density: z.enum(['comfortable', 'compact']),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();
export const SettingsView = z.object({
  settings: Settings,
  dataDir: z.string(),
  dbPath: z.string(),
  learnedDcs: z.array(z.object({ ip: z.string(), name: z.string().nullable(), source: z.string() })),
  learnedDnsServers: z.array(z.object({ ip: z.string(), name: z.string().nullable(), source: z.string() })),
  taggedAccounts: z.array(z.object({ name: z.string(), note: z.string().nullable() })),
  samrLearning: z.array(z.object({ dc: z.string(), name: z.string().nullable(), startTs: z.number(), lastTs: z.number().nullable(), days: z.number(), done: z.boolean() })),
  hasSampleData: z.boolean(),
});
export const SettingsSetResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: SettingsView }),
  z.object({ ok: z.literal(false), errors: z.record(z.string(), z.string()) }),
]);
