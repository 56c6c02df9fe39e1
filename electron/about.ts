/** Help › About: version, runtime versions, and the licences of the bundled components. */
export interface Licence {
  name: string;
  version: string;
  license: string;
}

export function parseLicences(json: string): Licence[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is Licence => typeof x === 'object' && x !== null && typeof (x as Licence).name === 'string' && typeof (x as Licence).license === 'string');
  } catch {
    return [];
  }
}

export function aboutText(version: string, runtime: { electron?: string; chrome?: string; node?: string }, licences: readonly Licence[]): { message: string; detail: string } {
  const byLicence = new Map<string, number>();
  for (const l of licences) byLicence.set(l.license, (byLicence.get(l.license) ?? 0) + 1);
  const summary = [...byLicence].sort((a, b) => b[1] - a[1]).map(([l, n]) => `${l} ${n}`).join(', ');
  const lines = licences.map((l) => `${l.name} ${l.version} — ${l.license}`);
  return {
    message: `ReconLens ${version}`,
    detail: [
      'Finds Active Directory reconnaissance in network traffic: Kerberos account enumeration (2003), DNS zone transfer (2007), SMB session enumeration (2012), SAMR recon (2021).',
      `Electron ${runtime.electron ?? '?'} · Chromium ${runtime.chrome ?? '?'} · Node ${runtime.node ?? '?'}`,
      '',
      `Bundled components (${licences.length}; ${summary || 'list not built'}):`,
      ...lines,
    ].join('\n'),
  };
}
