/**
 * Entity handling for the XML parser: only the five predefined entities and numeric character
 * references exist. There is no DTD support, so no entity can ever expand to more text than its
 * reference (no XXE, no billion laughs).
 */
import { extractFailed } from './limits.js';

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Replaces entity and character references in `raw` (text or attribute value).
 * @throws DelveError DLV_EXTRACT_FAILED for an undefined entity, a bare `&` or an invalid character reference.
 */
export function decodeEntities(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    const ref = semi < 0 ? '' : raw.slice(amp + 1, semi);
    let ch: string | undefined;
    if (/^#[0-9]{1,7}$/.test(ref) || /^#x[0-9A-Fa-f]{1,6}$/.test(ref)) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) throw extractFailed(`Invalid XML character reference &${ref};.`);
      ch = String.fromCodePoint(cp);
    } else if (/^[A-Za-z_][\w.-]{0,31}$/.test(ref)) {
      ch = PREDEFINED[ref];
      if (ch === undefined) {
        throw extractFailed(`Undefined XML entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and numeric references are supported; DTD entities are disabled).`);
      }
    } else {
      throw extractFailed('Malformed XML: "&" must start an entity reference such as &amp;.');
    }
    out += raw.slice(from, amp) + ch;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}
