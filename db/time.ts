/** Time conversions shared by the store: packet times are µs since epoch, analyst actions ISO text. */
export const isoFromMicros = (us: number): string => new Date(Math.floor(us / 1000)).toISOString();
export const isoFromMicrosOrNull = (us: number | null): string | null => (us === null ? null : isoFromMicros(us));
/** Wall-clock time of an analyst action or import step. */
export const nowIso = (): string => new Date().toISOString();
