/**
 * ISO-8601 dates and datetimes → `Date` (reference §4.4 rule 2, approximated).
 *
 * Accepted: `YYYY-MM-DD`, and `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH[:MM]|±HHMM]`.
 * A value without an offset is naive and taken as UTC (the reference converts naive datetimes to UTC).
 * DIVERGENCE: the original's lenient parser also read `05`, `10:00`, `Jan 5` and `1.2.3` with missing
 * parts taken from today; we only accept full ISO dates, so those stay strings.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of `month`
  return d.getUTCDate();
}

/** Parse an ISO-8601 date or datetime; `undefined` when `text` is not one or names an impossible date. */
export function parseIsoDateTime(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const num = (i: number): number => Number(m[i] ?? '0');
  const [year, month, day, hour, minute, second] = [num(1), num(2), num(3), num(4), num(5), num(6)];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const oh = num(10);
    const om = num(11);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute - offsetMinutes, second, ms);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
