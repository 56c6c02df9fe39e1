/** A computer as NAME (ip), linking to its host page; the name is untrusted text. */
import type { Computer as C } from '../../main/api/contract.ts';
import { U } from './Untrusted.tsx';

export function ComputerLink({ c, plain = false }: { c: C; plain?: boolean }) {
  const inner = c.name ? (
    <>
      <U value={c.name} /> <span className="ip">({c.ip})</span>
    </>
  ) : (
    <span className="ip">{c.ip}</span>
  );
  if (plain) return <span className="computer">{inner}</span>;
  return (
    <a className="computer" href={`#/entities/hosts/${encodeURIComponent(c.ip)}`} onClick={(e) => e.stopPropagation()}>
      {inner}
    </a>
  );
}
