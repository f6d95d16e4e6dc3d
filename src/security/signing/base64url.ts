/**
 * Strict base64url (RFC 4648 §5, no padding). Node's own decoder is lenient: it skips unknown characters and
 * ignores the unused low bits of the last character, so two different strings can decode to the same bytes.
 * Signed tokens and sealed secrets must have exactly one spelling, so decoding here accepts only the canonical one.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes (or a string as UTF-8) as unpadded base64url. */
export function encodeBase64url(data: Uint8Array | string): string {
  return (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64url');
}

/**
 * Decodes canonical unpadded base64url, or returns undefined when `text` has a character outside the alphabet,
 * an impossible length (4n+1), or non-zero unused bits in its last character.
 */
export function decodeBase64urlStrict(text: string): Buffer | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 bytes, or returns undefined when they are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
