/** The Alerts time range ([time]): two UTC date-time fields; the Overview brush sets the same range. */
import { useEffect, useState } from 'react';

const toInput = (us: number | null) => (us === null ? '' : new Date(Math.floor(us / 1000)).toISOString().slice(0, 19));
const fromInput = (s: string): number | null => {
  if (!s) return null;
  const ms = Date.parse(`${s.length === 16 ? `${s}:00` : s}Z`);
  return Number.isFinite(ms) ? ms * 1000 : null;
};

export function TimeRange({ from, to, onChange }: { from: number | null; to: number | null; onChange(from: number | null, to: number | null): void }) {
  const [a, setA] = useState(toInput(from));
  const [b, setB] = useState(toInput(to));
  useEffect(() => {
    setA(toInput(from));
  }, [from]);
  useEffect(() => {
    setB(toInput(to));
  }, [to]);
  return (
    <details className="columns time-range">
      <summary>Time</summary>
      <div className="popover" style={{ width: 300 }}>
        <label className="block" htmlFor="range-from">
          From (UTC)
        </label>
        <input id="range-from" type="datetime-local" step={1} value={a} onChange={(e) => setA(e.target.value)} />
        <label className="block" htmlFor="range-to">
          To (UTC)
        </label>
        <input id="range-to" type="datetime-local" step={1} value={b} onChange={(e) => setB(e.target.value)} />
        <span className="row-actions">
          <button type="button" onClick={() => onChange(null, null)}>
            Any time
          </button>
          <button type="button" className="primary" onClick={() => onChange(fromInput(a), fromInput(b))}>
            Apply
          </button>
        </span>
      </div>
    </details>
  );
}
