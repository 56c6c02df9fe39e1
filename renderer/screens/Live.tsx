/**
 * Live: interface picker, capture filter (none recommended), ring buffer (off by default; files x MB,
 * validated inline), start/stop, packet and bit rates, drops (amber > 0, red > 1 %), alerts.
 */
import { useCallback, useEffect, useState } from 'react';
import { Line, LineChart } from 'recharts';
import type { LiveStatus } from '../../main/api/contract.ts';
import { api } from '../api.ts';
import { ErrorBanner, Empty, Skeleton } from '../components/States.tsx';
import { useCall, usePoll } from '../hooks/useCall.ts';
import { count } from '../format.ts';

const RING_FILES = { min: 2, max: 1000 };
const RING_MB = { min: 1, max: 10_000 };

/** A whole number within bounds, or the inline message saying what is wrong. */
export function ringField(text: string, b: { min: number; max: number }): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `a whole number from ${b.min} to ${b.max}`;
  const n = Number(t);
  return n < b.min || n > b.max ? `from ${b.min} to ${b.max}` : n;
}

export function Live() {
  const ifs = useCall('live.interfaces', {});
  const [filter, setFilter] = useState('');
  const [ringOn, setRingOn] = useState(false);
  const [ringFilesText, setRingFilesText] = useState('10');
  const [ringMbText, setRingMbText] = useState('100');

  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [iface, setIface] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [rates, setRates] = useState<{ i: number; p: number }[]>([]);
  const refresh = useCallback(
    () =>
      void api
        .call('live.status', {})
        .then((s) => {
          setStatus(s);
          // The last minute of packet rates, for the sparkline.
          if (s.state === 'running') setRates((r) => [...r.slice(-59), { i: (r[r.length - 1]?.i ?? 0) + 1, p: s.pktPerS }]);
        })
        .catch((e: unknown) => setError(String(e))),
    [],
  );
  useEffect(refresh, [refresh]);
  usePoll(refresh, 1000, status?.state === 'running' || status?.state === 'starting' || status?.state === 'stopping');
  useEffect(() => {
    if (!iface && ifs.data?.[0]) setIface(ifs.data.find((i) => i.up)?.name ?? ifs.data[0].name);
  }, [ifs.data, iface]);
  const run = async (p: Promise<LiveStatus>) => {
    setError(null);
    try {
      setStatus(await p);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  if (ifs.error) return <ErrorBanner message={ifs.error} onRetry={ifs.reload} />;
  if (!ifs.data || !status) return <Skeleton />;
  if (ifs.data.length === 0) return <Empty>No interfaces: capture permission? (dumpcap needs CAP_NET_RAW or membership of the wireshark group.)</Empty>;
  const busy = status.state === 'running' || status.state === 'starting';
  const ringFiles = ringField(ringFilesText, RING_FILES);
  const ringMb = ringField(ringMbText, RING_MB);
  const ringInvalid = ringOn && (typeof ringFiles === 'string' || typeof ringMb === 'string');
  const start = () => {
    const ring = ringOn && typeof ringFiles === 'number' && typeof ringMb === 'number' ? { files: ringFiles, fileMb: ringMb } : null;
    void run(api.call('live.start', { interface: iface, ...(filter.trim() ? { filter: filter.trim() } : {}), ...(ring ? { ring } : {}) }));
  };
  const capturing = busy || status.state === 'stopping';
  const dropped = status.drops.kernel + status.drops.iface;
  const dropPct = status.packets ? (dropped / (status.packets + dropped)) * 100 : 0;
  return (
    <div>
      <h1>Live capture</h1>
      <div className="toolbar panel">
        <label>
          Interface{' '}
          <select value={iface} onChange={(e) => setIface(e.target.value)} disabled={busy} aria-label="Interface">
            {ifs.data.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name}
                {i.addresses.length ? `, ${i.addresses.join(' ')}` : ''}, {i.up ? 'up' : 'down'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Filter:{' '}
          <input
            type="text"
            aria-label="Capture filter"
            aria-describedby="live-filter-note"
            placeholder="none (recommended)"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            disabled={busy}
            spellCheck={false}
            style={{ fontFamily: 'var(--mono)' }}
          />
        </label>
        <label>
          <input type="checkbox" checked={ringOn} onChange={(e) => setRingOn(e.target.checked)} disabled={busy} /> Ring buffer
        </label>
        {ringOn && (
          <>
            <label>
              Files{' '}
              <input
                type="text"
                inputMode="numeric"
                size={5}
                aria-label="Ring files"
                aria-invalid={typeof ringFiles === 'string'}
                aria-describedby={typeof ringFiles === 'string' ? 'ring-files-error' : undefined}
                value={ringFilesText}
                onChange={(e) => setRingFilesText(e.target.value)}
                disabled={busy}
              />
            </label>
            <label>
              x MB per file{' '}
              <input
                type="text"
                inputMode="numeric"
                size={6}
                aria-label="MB per ring file"
                aria-invalid={typeof ringMb === 'string'}
                aria-describedby={typeof ringMb === 'string' ? 'ring-mb-error' : undefined}
                value={ringMbText}
                onChange={(e) => setRingMbText(e.target.value)}
                disabled={busy}
              />
            </label>
          </>
        )}
        <button type="button" className="primary" disabled={busy || !iface || ringInvalid} onClick={start}>
          Start
        </button>
        <button type="button" disabled={!busy} onClick={() => void run(api.call('live.stop', {}))}>
          Stop
        </button>
      </div>
      <p className="muted" id="live-filter-note">
        No filter is recommended: a port filter loses IP fragments, the RPC ports the endpoint mapper hands out, and naming traffic (DNS, NetBIOS) that names hosts.
      </p>
      {ringOn && typeof ringFiles === 'string' && (
        <p className="field-error" id="ring-files-error">
          Ring files: {ringFiles}
        </p>
      )}
      {ringOn && typeof ringMb === 'string' && (
        <p className="field-error" id="ring-mb-error">
          MB per ring file: {ringMb}
        </p>
      )}
      {status.state === 'starting' && <p>Starting…</p>}
      {(error || status.error) && (
        <div className="banner error" role="alert">
          {error ?? status.error}
          {status.fix && <span className="muted"> {status.fix}</span>}
        </div>
      )}
      <section className="panel" aria-label="Live status" style={{ marginTop: 12 }}>
        <p>
          <b>{count(Math.round(status.pktPerS))}</b> pkt/s · <b>{(status.bitsPerS / 1e6).toFixed(1)}</b> Mb/s · {count(status.packets)} packets · Dropped:{' '}
          <span className={dropPct > 1 ? 'red' : dropped > 0 ? 'amber' : undefined}>
            kernel {status.drops.kernel} / iface {status.drops.iface}
          </span>{' '}
          · Alerts {status.alerts}
        </p>
        {rates.length > 1 && (
          <div role="img" aria-label={`packet rate over the last ${rates.length} seconds, now ${Math.round(status.pktPerS)} per second`}>
            <LineChart width={240} height={36} data={rates}>
              <Line type="monotone" dataKey="p" stroke="var(--accent)" dot={false} isAnimationActive={false} />
            </LineChart>
          </div>
        )}
        <p className="muted">
          State: {status.state}
          {status.interface ? ` on ${status.interface}` : ''}
          {status.startedAt ? ` since ${status.startedAt.replace('T', ' ').slice(0, 19)} UTC` : ''}
        </p>
        {capturing && status.ring && (
          <p>
            Ring buffer: <span style={{ fontFamily: 'var(--mono)' }}>{`${status.ring.dir}/…-0001.pcapng`}</span> ({status.ring.files} x {status.ring.fileMb} MB)
          </p>
        )}
        {status.ringFiles.length > 0 && <p className="muted">Ring files: {status.ringFiles.join(', ')}</p>}
      </section>
    </div>
  );
}
