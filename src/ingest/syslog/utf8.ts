/**
 * UTF-8 helpers shared by the TCP framer and the UDP datagram decoder.
 */

/** Length of `buf[0, end)` shortened so it does not end inside a multi-byte UTF-8 sequence. */
export function utf8SafeLength(buf: Uint8Array, end: number): number {
  // Find the lead byte of the last (possibly incomplete) sequence, at most 3 bytes back.
  let p = end - 1;
  while (p >= 0 && end - p <= 3 && (buf[p]! & 0xc0) === 0x80) p--;
  if (p < 0) return end;
  const lead = buf[p]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return p + need > end ? p : end;
}

/** Length of `buf` without trailing LF, CR and NUL bytes. */
export function trimmedLength(buf: Uint8Array, end = buf.length): number {
  let n = end;
  while (n > 0 && (buf[n - 1] === 0x0a || buf[n - 1] === 0x0d || buf[n - 1] === 0)) n--;
  return n;
}

/** Decodes UTF-8 (invalid sequences become U+FFFD; never throws). */
export function decodeUtf8(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
}
