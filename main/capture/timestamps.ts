/**
 * Timestamp conversion to µs since the epoch. pcapng stores 64-bit counts in units of the
 * interface's if_tsresol (pcapng §4.2 option 9: "If the Most Significant Bit is equal to zero, the
 * remaining bits indicates the resolution of the timestamp as a negative power of 10 (e.g. 6 means
 * microsecond resolution, timestamps are the number of microseconds since 1970-01-01 00:00:00 UTC).
 * If the Most Significant Bit is equal to one, the remaining bits indicates the resolution as
 * negative power of 2"). Nanosecond counts exceed 2^53, so the division is done in two exact halves.
 */
const TWO32 = 0x1_0000_0000;

export interface TsResolution {
  /** Exact fast path for the default (µs). */
  micro: boolean;
  convert(hi: number, lo: number): number;
}

export function tsResolution(tsresol: number): TsResolution {
  const exp = tsresol & 0x7f;
  if (tsresol & 0x80) {
    const scale = 1e6 / 2 ** exp;
    return { micro: false, convert: (hi, lo) => Math.floor((hi * TWO32 + lo) * scale) };
  }
  if (exp === 6) return { micro: true, convert: (hi, lo) => hi * TWO32 + lo };
  if (exp < 6) {
    const mul = 10 ** (6 - exp);
    return { micro: false, convert: (hi, lo) => (hi * TWO32 + lo) * mul };
  }
  const div = 10 ** (exp - 6);
  if (exp <= 12) {
    // (hi * 2^32 + lo) / div = hi * a + (hi * b + lo) / div, with 2^32 = a * div + b; every term exact.
    const a = Math.floor(TWO32 / div);
    const b = TWO32 - a * div;
    return { micro: false, convert: (hi, lo) => hi * a + Math.floor((hi * b + lo) / div) };
  }
  return { micro: false, convert: (hi, lo) => Math.floor((hi * TWO32 + lo) / div) };
}
