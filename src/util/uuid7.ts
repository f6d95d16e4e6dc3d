import { randomFillSync } from 'node:crypto';

/**
 * RFC 9562 UUIDv7 ids: 48-bit Unix milliseconds, version 7, a 12-bit counter in `rand_a` (RFC 9562 §6.2
 * method 1), the variant bits and 62 random bits. Within one generator ids are strictly increasing, also as
 * strings (lowercase hex compares like the bytes): ids made in the same millisecond sort in generation order.
 */
export type Uuidv7Generator = (nowMs?: number) => string;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_SIZE = 8 * 1024;
const MAX_MS = 2 ** 48 - 1;

/**
 * Creates an independent monotonic generator. When the clock stands still or steps back, the last timestamp is
 * kept and the counter incremented; when the 12-bit counter overflows, the timestamp is advanced by 1 ms (so ids
 * may run slightly ahead of the wall clock under extreme rates, never out of order).
 */
export function createUuidv7Generator(): Uuidv7Generator {
  const pool = Buffer.allocUnsafe(POOL_SIZE);
  let poolPos = POOL_SIZE;
  let lastMs = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);

  const random = (n: number): number => {
    if (poolPos + n > POOL_SIZE) { randomFillSync(pool); poolPos = 0; }
    const start = poolPos;
    poolPos += n;
    return start;
  };

  return (nowMs?: number): string => {
    let ms = Math.floor(nowMs ?? Date.now());
    if (!Number.isFinite(ms) || ms < 0) ms = 0;
    if (ms > MAX_MS) ms = MAX_MS;
    if (ms > lastMs) {
      lastMs = ms;
      // Start the counter at a random value with the top bit clear, leaving >= 2048 increments of headroom.
      const p = random(2);
      counter = ((pool[p]! << 8) | pool[p + 1]!) & 0x7ff;
    } else {
      counter += 1;
      if (counter > 0xfff) { lastMs = Math.min(lastMs + 1, MAX_MS); counter = 0; }
    }
    const t = lastMs;
    // 48-bit big-endian timestamp (split: bitwise ops are 32-bit).
    const hi = Math.floor(t / 2 ** 32);
    const lo = t >>> 0;
    bytes[0] = (hi >>> 8) & 0xff;
    bytes[1] = hi & 0xff;
    bytes[2] = (lo >>> 24) & 0xff;
    bytes[3] = (lo >>> 16) & 0xff;
    bytes[4] = (lo >>> 8) & 0xff;
    bytes[5] = lo & 0xff;
    bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
    bytes[7] = counter & 0xff;
    const p = random(8);
    bytes[8] = 0x80 | (pool[p]! & 0x3f);
    for (let i = 1; i < 8; i++) bytes[8 + i] = pool[p + i]!;
    let s = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
      s += HEX[bytes[i]!]!;
    }
    return s;
  };
}

/** The process-wide generator; see {@link createUuidv7Generator}. */
export const uuidv7: Uuidv7Generator = createUuidv7Generator();

const V7_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True when `id` is a canonical (lowercase) UUIDv7 string. */
export function isUuidv7(id: string): boolean {
  return V7_RE.test(id);
}

/** The Unix millisecond timestamp embedded in a UUIDv7, or undefined when `id` is not one. */
export function uuidv7Timestamp(id: string): number | undefined {
  if (!isUuidv7(id)) return undefined;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
