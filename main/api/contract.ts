/**
 * The one typed API contract between the UI and the engine/store: channel -> argument and result
 * schemas (zod). Used by the Electron preload and IPC handlers, by browser mode (HTTP), and by the
 * renderer. Arguments are validated at the boundary (browser mode takes untrusted HTTP).
 * This file imports only zod (and other contract files) so that renderer/ may import it.
 */
import { z } from 'zod';

export const contract = {
  'app.info': {
    args: z.object({}).strict(),
    result: z.object({ version: z.string(), dbPath: z.string(), mode: z.enum(['electron', 'browser']) }),
  },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Args<C extends Channel> = z.infer<Contract[C]['args']>;
export type Result<C extends Channel> = z.infer<Contract[C]['result']>;
export type Handlers = { [C in Channel]: (args: Args<C>) => Promise<Result<C>> };

export const isChannel = (s: string): s is Channel => Object.hasOwn(contract, s);

/** Validate and run one call. Unknown channels and bad arguments throw ApiError (status 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError(404, `unknown channel ${channel}`);
  return run(handlers, channel, raw);
}

async function run<C extends Channel>(handlers: Handlers, channel: C, raw: unknown): Promise<Result<C>> {
  const parsed = contract[channel].args.safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError(400, `bad arguments for ${channel}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  const fn = handlers[channel] as (a: Args<C>) => Promise<Result<C>>;
  return fn(parsed.data as Args<C>);
}
