/**
 * Which IP addresses the `request` command may connect to (SSRF protection, reference §12 #5): only public unicast
 * addresses. Refused: 0.0.0.0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16 (link-local, incl. the 169.254.169.254
 * cloud metadata address), 172.16/12, 192.0.0/24, 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24,
 * 224/4 (multicast), 240/4 (reserved, broadcast); IPv6 ::, ::1, IPv4-mapped/-compatible/NAT64/6to4/Teredo forms
 * (judged by, or refused for, their embedded IPv4), 100::/64, 2001:db8::/32, fc00::/7 (unique-local),
 * fe80::/10 (link-local), fec0::/10, ff00::/8 (multicast), and anything that does not parse.
 */
import { isIP } from 'node:net';

type Range = readonly [number[], number];
const V4_BLOCKED: Range[] = [
  [[0, 0, 0, 0], 8], [[10, 0, 0, 0], 8], [[100, 64, 0, 0], 10], [[127, 0, 0, 0], 8], [[169, 254, 0, 0], 16],
  [[172, 16, 0, 0], 12], [[192, 0, 0, 0], 24], [[192, 0, 2, 0], 24], [[192, 88, 99, 0], 24], [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15], [[198, 51, 100, 0], 24], [[203, 0, 113, 0], 24], [[224, 0, 0, 0], 4], [[240, 0, 0, 0], 4],
];
const V6_BLOCKED: Range[] = [
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], [[0x20, 0x01, 0x0d, 0xb8], 32], [[0xfc], 7], [[0xfe, 0x80], 10], [[0xfe, 0xc0], 10],
  [[0xff], 8], [[0x20, 0x02], 16], [[0x20, 0x01, 0, 0], 32], [[0, 0x64, 0xff, 0x9b], 32],
];

function inRange(bytes: readonly number[], [prefix, bits]: Range): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function v4Bytes(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** Parses an IPv6 address (with an optional trailing dotted quad) into 16 bytes; undefined if invalid or zoned. */
export function v6Bytes(ip: string): number[] | undefined {
  if (isIP(ip) !== 6 || ip.includes('%')) return undefined;
  let tail: number[] = [];
  let s = ip;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = v4Bytes(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = s.split('::') as [string, string | undefined];
  const groups = (x: string) => (x === '' ? [] : x.split(':').map((g) => parseInt(g, 16)));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  const all = rest === undefined ? h : [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
  if (all.length !== 8) return undefined;
  const bytes = all.flatMap((g) => [(g >> 8) & 0xff, g & 0xff]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

function v4Public(b: readonly number[]): boolean {
  return !V4_BLOCKED.some((r) => inRange(b, r));
}

/** True when `ip` (an IPv4 or IPv6 literal) is a public unicast address the `request` command may reach. */
export function isPublicAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) {
    const b = v4Bytes(ip);
    return b !== undefined && v4Public(b);
  }
  if (family !== 6) return false;
  const b = v6Bytes(ip);
  if (!b) return false;
  const first10Zero = b.slice(0, 10).every((x) => x === 0);
  if (first10Zero && b[10] === 0xff && b[11] === 0xff) return v4Public(b.slice(12)); // ::ffff:a.b.c.d (mapped)
  if (b.slice(0, 12).every((x) => x === 0)) return false; // ::, ::1, ::a.b.c.d (compatible, deprecated)
  if (first10Zero) return false; // other odd forms under ::/80
  return !V6_BLOCKED.some((r) => inRange(b, r));
}
