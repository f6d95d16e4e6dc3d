/** Parsing of Apache's `%t` timestamp (`[10/Oct/2000:13:55:36 -0700]`). */

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

const TIME_RE = /^\[?(\d{1,2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? ([+-])(\d{2}):?(\d{2})\]?$/;

/**
 * Converts an Apache `%t` value (with or without the brackets) to an ISO-8601 UTC string
 * (`2000-10-10T20:55:36.000Z`), or `undefined` when it is not a valid Apache time.
 */
export function apacheTimeToIso(time: string): string | undefined {
  const m = TIME_RE.exec(time);
  if (m === null) return undefined;
  const [, d, mon, y, hh, mm, ss, frac, sign, oh, om] = m;
  const month = MONTHS[mon![0]!.toUpperCase() + mon!.slice(1).toLowerCase()];
  if (month === undefined) return undefined;
  const day = Number(d), hour = Number(hh), minute = Number(mm), second = Number(ss);
  const offH = Number(oh), offM = Number(om);
  if (day < 1 || hour > 23 || minute > 59 || second > 60 || offH > 23 || offM > 59) return undefined;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const local = Date.UTC(Number(y), month, day, hour, minute, Math.min(second, 59), ms);
  const check = new Date(local);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month) return undefined; // e.g. 31/Feb
  const offset = (sign === '-' ? -1 : 1) * (offH * 60 + offM) * 60_000;
  return new Date(local - offset).toISOString();
}
