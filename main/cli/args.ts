/** A small, strict argument parser: unknown flags and missing values are usage errors (exit 2). */
export class UsageError extends Error {}

export interface FlagSpec {
  /** Flags that take a value; `multi` ones may repeat. */
  values?: Record<string, { multi?: boolean }>;
  /** Boolean flags. */
  bools?: string[];
}

export interface Parsed {
  values: Map<string, string[]>;
  bools: Set<string>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: FlagSpec): Parsed {
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  const positionals: string[] = [];
  const valueSpecs = spec.values ?? {};
  const boolSpecs = new Set(spec.bools ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      if (boolSpecs.has(name) && eq < 0) {
        bools.add(name);
        continue;
      }
      const vs = Object.hasOwn(valueSpecs, name) ? valueSpecs[name] : undefined;
      if (!vs) throw new UsageError(`unknown option --${name}`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      const list = values.get(name) ?? [];
      if (list.length > 0 && !vs.multi) throw new UsageError(`--${name} given twice`);
      list.push(value);
      values.set(name, list);
      continue;
    }
    positionals.push(arg);
  }
  return { values, bools, positionals };
}

export const one = (p: Parsed, name: string): string | undefined => p.values.get(name)?.[0];
export const many = (p: Parsed, name: string): string[] => p.values.get(name) ?? [];
