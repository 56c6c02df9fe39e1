/**
 * Two network namespaces joined by a veth pair (10.77.0.1/24 <-> 10.77.0.2/24), created for a test
 * and deleted after it. Nothing leaves them: the addresses exist only inside.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface NetnsPair {
  a: string;
  b: string;
  ifA: string;
  ifB: string;
  /** A wrapper that runs a program inside namespace ns (for RECONLENS_DUMPCAP). */
  wrapper(dir: string, ns: string, program: string): string;
  destroy(): void;
}

/** Why namespaces cannot be used here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'network namespaces are Linux-only';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  const probe = `rlprobe${process.pid}`;
  const r = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (r.error) return `ip (iproute2) is not available: ${r.error.message}`;
  if (r.status !== 0) return `ip netns add is not allowed here: ${r.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return null;
}

/** Namespaces of earlier test runs that were killed before their cleanup (tag = their pid). */
function removeStale(): void {
  const list = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  for (const m of list.matchAll(/^(rl-c?(\d+)-[ab])\b/gm)) {
    const pid = Number(m[2]);
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (err) {
      alive = (err as NodeJS.ErrnoException).code === 'EPERM';
    }
    if (!alive) spawnSync('ip', ['netns', 'del', m[1]!]);
  }
}

/** tag: the test process's pid (with a letter prefix when one process makes several pairs). */
export function createNetnsPair(tag: string): NetnsPair {
  removeStale();
  const a = `rl-${tag}-a`;
  const b = `rl-${tag}-b`;
  const ifA = `rl${tag}a`.slice(0, 15);
  const ifB = `rl${tag}b`.slice(0, 15);
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const destroy = (): void => {
    spawnSync('ip', ['netns', 'del', a]);
    spawnSync('ip', ['netns', 'del', b]);
  };
  destroy();
  try {
    ip('netns', 'add', a);
    ip('netns', 'add', b);
    ip('link', 'add', ifA, 'netns', a, 'type', 'veth', 'peer', 'name', ifB, 'netns', b);
    ip('-n', a, 'addr', 'add', '10.77.0.1/24', 'dev', ifA);
    ip('-n', b, 'addr', 'add', '10.77.0.2/24', 'dev', ifB);
    for (const [ns, dev] of [[a, ifA], [b, ifB]] as const) {
      // Captures taken with segmentation offload hold frames up to 64 KB: let the veth carry them.
      ip('-n', ns, 'link', 'set', dev, 'mtu', '65535');
      // No IPv6 on the pair: router solicitations and MLD reports would be counted as captured
      // packets and could end a capture before the replayed ones arrived.
      execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', `net.ipv6.conf.${dev}.disable_ipv6=1`], { stdio: ['ignore', 'ignore', 'pipe'] });
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
    }
  } catch (err) {
    destroy();
    throw err;
  }
  return {
    a,
    b,
    ifA,
    ifB,
    destroy,
    wrapper(dir, ns, program) {
      const file = join(dir, `${ns}-${program.replace(/\W/g, '')}`);
      writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${ns} ${program} "$@"\n`);
      chmodSync(file, 0o755);
      return file;
    },
  };
}
