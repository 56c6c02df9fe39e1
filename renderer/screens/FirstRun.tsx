/** First run without data: import a capture, open the bundled sample, or start a live capture. */
import { useState } from 'react';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { useCall } from '../hooks/useCall.ts';

export function FirstRun() {
  const info = useCall('app.info', {});
  const [error, setError] = useState<string | null>(null);
  const openSample = async () => {
    try {
      await api.call('sample.open', {});
      navigate('#/captures');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="first-run panel" aria-label="Get started">
      <h1>Find Active Directory reconnaissance in your traffic</h1>
      <p className="muted">
        ReconLens reads pcap and pcapng captures (or a live interface) and flags account enumeration over Kerberos (2003), DNS zone transfers (2007), SMB session
        enumeration (2012) and SAMR user and group queries (2021). Everything stays on this machine.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => navigate('#/captures?import=1')}>
          Import capture…
        </button>
        <button type="button" onClick={() => void openSample()} disabled={info.data ? !info.data.sampleAvailable : false}>
          Open sample capture
        </button>
        <button type="button" onClick={() => navigate('#/live')}>
          Start live capture
        </button>
      </div>
      {info.data && !info.data.sampleAvailable && <p className="muted">The sample capture is not bundled with this build.</p>}
      {error && <p className="field-error">{error}</p>}
    </section>
  );
}
