/** Where things are, for tests: the repository root and the shared public corpus beside it. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a corpus file, e.g. corpusPath('zeek/kinit.pcap'). Never copy these into the repo. */
export function corpusPath(rel: string): string {
  return path.resolve(repoRoot, '../shared/corpus', rel);
}
