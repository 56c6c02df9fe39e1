/**
 * A string that came from packets: React text only, invisible characters shown as escapes
 * (\x07, \u202E), monospace, cut at 256 characters with the full value in a copyable popover.
 */
import { useState } from 'react';
import { shown } from '../../main/api/present/escape.ts';

export function U({ value, className }: { value: string; className?: string }) {
  const s = shown(value);
  const [open, setOpen] = useState(false);
  const escaped = s.full !== value;
  return (
    <span className={`untrusted${escaped ? ' escaped' : ''}${className ? ` ${className}` : ''}`} title={escaped ? 'contains invisible characters, shown escaped' : undefined}>
      {s.text}
      {s.cut && (
        <>
          <button type="button" className="link more" aria-expanded={open} aria-label="Show the full value" onClick={(e) => (e.stopPropagation(), setOpen((o) => !o))}>
            full value
          </button>
          {open && (
            <span role="dialog" aria-label="Full value" className="popover" onClick={(e) => e.stopPropagation()}>
              <textarea readOnly value={s.full} rows={6} aria-label="Full value text" onFocus={(e) => e.currentTarget.select()} />
              <span className="row-actions">
                <button type="button" onClick={() => void navigator.clipboard?.writeText(s.full)}>Copy</button>
                <button type="button" onClick={() => setOpen(false)}>Close</button>
              </span>
            </span>
          )}
        </>
      )}
    </span>
  );
}
