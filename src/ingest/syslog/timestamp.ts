/**
 * Syslog timestamps → ISO-8601 UTC strings. RFC 5424 / RFC 3339 timestamps carry their own offset;
 * RFC 3164 (BSD) timestamps carry neither year nor zone: we take them as UTC (or convert a known
 * trailing zone abbreviation, Cisco style) and pick the year that puts them at most one day after `now`.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Unambiguous zone abbreviations (minutes east of UTC). Ambiguous ones (CST, IST, BST) are left out. */
const ZONES: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480,
  HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660,
};

const DAY_MS = 86_400_000;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp (as used by RFC 5424) into ISO-8601 UTC, or `undefined` if invalid. */
export function parseRfc3339(s: string): string | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m as unknown as string[];
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone!.slice(1, 3));
    const om = Number(zone!.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offset = (zone!.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return toIso(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), frac, offset);
}

/** Builds `YYYY-MM-DDTHH:MM:SS[.frac]Z` from local fields and an offset; `undefined` for impossible dates. */
export function toIso(
  y: number, mo: number, d: number, h: number, mi: number, s: number, frac: string | undefined, offsetMin: number,
): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi - offsetMin, s, 0);
  const year = t.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  return t.toISOString().slice(0, 19) + (frac ? `.${frac}` : '') + 'Z';
}

function daysIn(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(mo) ? 30 : 31;
}

/**
 * BSD timestamp: optional Cisco `*`/`.` marker, `Mmm dd` (day space-padded or not), optional year,
 * `hh:mm:ss`, optional fraction, optional zone abbreviation, optional trailing `:` (Cisco/ASA).
 */
const BSD = new RegExp(
  '^[*.]?(' + MONTHS.join('|') + ') {1,2}(\\d{1,2})(?: (\\d{4}))? (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?' +
    '(?: (' + Object.keys(ZONES).join('|') + '))?(:)?(?= |$)',
);

export interface BsdTimestamp {
  /** ISO-8601 UTC, or undefined when the fields do not form a real date. */
  timestamp: string | undefined;
  /** Number of characters consumed. */
  length: number;
}

/** Matches a BSD timestamp at the start of `s`; `undefined` if there is none. */
export function parseBsdTimestamp(s: string, now: Date): BsdTimestamp | undefined {
  const m = BSD.exec(s);
  if (!m) return undefined;
  const [all, mon, d, y, h, mi, sec, frac, zone] = m as unknown as (string | undefined)[];
  const zoneOffset = zone === undefined ? 0 : (ZONES[zone] ?? 0);
  const month = MONTHS.indexOf(mon!) + 1;
  const fields = [Number(d), Number(h), Number(mi), Number(sec)] as const;
  let timestamp: string | undefined;
  if (y !== undefined) {
    timestamp = toIso(Number(y), month, ...fields, frac, zoneOffset);
  } else {
    const limit = now.getTime() + DAY_MS;
    // Newest year first: next year (clock skew around New Year), this year, then back far enough for Feb 29.
    for (let year = now.getUTCFullYear() + 1; year >= now.getUTCFullYear() - 8 && !timestamp; year--) {
      const iso = toIso(year, month, ...fields, undefined, zoneOffset);
      if (iso !== undefined && Date.parse(iso) <= limit) timestamp = toIso(year, month, ...fields, frac, zoneOffset);
    }
  }
  return { timestamp, length: all!.length };
}
