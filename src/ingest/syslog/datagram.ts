import { decodeUtf8, trimmedLength, utf8SafeLength } from './utf8.js';

/** Default cap on one UDP message (also the largest IPv4 UDP payload is 65 507 bytes). */
export const DEFAULT_MAX_DATAGRAM_BYTES = 65_536;

/**
 * Decodes one UDP syslog datagram (one message per datagram, RFC 5426): trailing LF/CR/NUL are removed
 * and the bytes are decoded as UTF-8 (invalid bytes become U+FFFD). A datagram longer than `maxBytes`
 * is cut at a character boundary. Never throws.
 */
export function parseDatagram(buf: Uint8Array, maxBytes: number = DEFAULT_MAX_DATAGRAM_BYTES): string {
  let end = trimmedLength(buf);
  if (end > maxBytes) end = utf8SafeLength(buf, maxBytes);
  return decodeUtf8(buf.subarray(0, end));
}
