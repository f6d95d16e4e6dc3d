/** Event times: ISO-8601 text ⇄ epoch microseconds (the `created` column). */

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Longest accepted time in the future: one day (clock skew, time zones) — beyond it is a client bug. */
export const MAX_FUTURE_US = 86_400_000_000;

/**
 * Parses an ISO-8601 date or date-time (`2024-03-05`, `2024-03-05T10:00:00Z`, `...T10:00:00.123456+02:00`;
 * no zone = UTC) into epoch microseconds, keeping microseconds. Returns undefined for anything else, including
 * impossible dates (Feb 30) and out-of-range fields.
 */
export function parseIsoToMicros(text: string): number | undefined {
  if (text.length > 40) return undefined;
  const m = ISO_RE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  const hour = Number(m[4] ?? 0), minute = Number(m[5] ?? 0), second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const frac = m[7] ? Number(m[7].padEnd(6, '0').slice(0, 6)) : 0;
  let offsetMin = 0;
  if (m[9]) {
    const oh = Number(m[10]), om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMin = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const us = (ms - offsetMin * 60_000) * 1000 + frac;
  return Number.isSafeInteger(us) ? us : undefined;
}

/** Epoch microseconds → ISO-8601 UTC with microseconds (`2024-03-05T10:00:00.123456Z`, reference §3). */
export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const micro = us - ms * 1000;
  const iso = new Date(ms).toISOString(); // ...sss Z
  return `${iso.slice(0, -1)}${String(micro).padStart(3, '0')}Z`;
}
