const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"30s"`, `"10m"`, `"1h"`, `"30d"` -> milliseconds. Anything else is a configuration error. */
export function parseDuration(text: string, setting: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0) throw new Error(`Invalid ${setting} "${text}": use a number with s, m, h or d (e.g. 15m)`);
  return Number(match[1]) * UNITS[match[2]!]!;
}
