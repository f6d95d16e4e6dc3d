/**
 * A small, safe, non-validating XML parser producing xmltodict-style objects (reference §6.1):
 * `{ root: value }` where an element's value is
 *   - `null` when it has no attributes, no children and no (non-whitespace) text,
 *   - the trimmed text when it has only text,
 *   - otherwise an object: attributes as `@name`, children by name (repeated names → arrays, in
 *     document order), and the trimmed, concatenated text as `#text` when there is any.
 * Namespace prefixes are kept as part of names (`soap:Body`, `@xmlns:soap`). Comments, processing
 * instructions and the XML declaration are skipped; CDATA is text.
 *
 * Safety: `<!DOCTYPE` (and with it `<!ENTITY`) is rejected, so no entity is ever expanded beyond the
 * five predefined ones and numeric references; input size, element depth and node count (elements +
 * attributes) are limited; the parser is iterative (no recursion). Elements named `__proto__`,
 * `constructor` or `prototype` are dropped with their content (see safe-keys.ts); attributes keep
 * them, as `@__proto__` is a harmless key.
 */
import { checkInputSize, DEFAULT_LIMITS, extractFailed, extractLimit } from './limits.js';
import { isUnsafeKey } from './safe-keys.js';
import { decodeEntities } from './xml-entities.js';

export interface XmlLimits {
  /** Maximum input size in UTF-8 bytes (default 1 MiB). */
  readonly maxBytes?: number;
  /** Maximum element nesting depth (default 32). */
  readonly maxDepth?: number;
  /** Maximum number of elements + attributes (default 1000). */
  readonly maxNodes?: number;
}

interface Frame {
  readonly name: string;
  readonly attrs: [string, string][];
  readonly children: [string, unknown][];
  text: string;
}

const NAME = String.raw`[A-Za-z_:\u00C0-\uFFFF][\w:.\-\u00B7\u00C0-\uFFFF]*`;
const OPEN_TAG_RE = new RegExp(String.raw`<(${NAME})`, 'y');
const ATTR_RE = new RegExp(String.raw`\s+(${NAME})\s*=\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END_RE = /\s*(\/?)>/y;
const CLOSE_TAG_RE = new RegExp(String.raw`</(${NAME})\s*>`, 'y');

function valueOf(frame: Frame): unknown {
  const text = frame.text.trim();
  if (frame.attrs.length === 0 && frame.children.length === 0) return text === '' ? null : text;
  const obj: Record<string, unknown> = {};
  for (const [k, v] of frame.attrs) obj[`@${k}`] = v;
  for (const [k, v] of frame.children) {
    // An element's own value is never an array, so an array here always means "repeated child".
    if (!Object.hasOwn(obj, k)) obj[k] = v;
    else {
      const prev = obj[k];
      if (Array.isArray(prev)) prev.push(v);
      else obj[k] = [prev, v];
    }
  }
  if (text !== '') obj['#text'] = text;
  return obj;
}

function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < pos; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

/**
 * Parses an XML document into an xmltodict-style object (see the module doc).
 * @throws DelveError DLV_EXTRACT_FAILED for malformed XML or a DOCTYPE/ENTITY declaration,
 *   DLV_EXTRACT_LIMIT when a limit is exceeded.
 */
export function parseXml(text: string, limits: XmlLimits = {}): Record<string, unknown> {
  const maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const maxNodes = limits.maxNodes ?? DEFAULT_LIMITS.maxFields;
  checkInputSize(text, limits.maxBytes ?? DEFAULT_LIMITS.maxBytes, 'XML document');
  const stack: Frame[] = [];
  const out: { root?: Record<string, unknown> } = {};
  let nodes = 0;
  const count = (): void => {
    if (++nodes > maxNodes) throw extractLimit(`The XML document has more than ${maxNodes} elements and attributes (the extraction limit).`);
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const chunk = text.slice(i, end);
      const top = stack[stack.length - 1];
      if (top !== undefined) top.text += decodeEntities(chunk);
      else if (chunk.trim() !== '') fail('text outside the root element', i);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<?', i)) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0) fail('unterminated processing instruction', i);
      i = close + 2;
    } else if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) fail('unterminated comment', i);
      i = close + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const close = text.indexOf(']]>', i + 9);
      if (close < 0) fail('unterminated CDATA section', i);
      const top = stack[stack.length - 1];
      if (top === undefined) fail('CDATA outside the root element', i);
      top.text += text.slice(i + 9, close);
      i = close + 3;
    } else if (text.startsWith('<!', i)) {
      if (/^<!DOCTYPE/i.test(text.slice(i, i + 9)) || /^<!ENTITY/i.test(text.slice(i, i + 8))) {
        throw extractFailed('XML DOCTYPE and ENTITY declarations are not allowed (entity expansion is disabled for safety).');
      }
      fail('unexpected "<!"', i);
    } else if (text.startsWith('</', i)) {
      CLOSE_TAG_RE.lastIndex = i;
      const m = CLOSE_TAG_RE.exec(text);
      if (m === null) fail('malformed closing tag', i);
      const frame = stack.pop();
      if (frame === undefined || frame.name !== m[1]) fail(`closing tag </${m[1]}> does not match the open element`, i);
      i = CLOSE_TAG_RE.lastIndex;
      close(frame);
    } else {
      OPEN_TAG_RE.lastIndex = i;
      const m = OPEN_TAG_RE.exec(text);
      if (m === null) fail('"<" must start a tag (write &lt; for a literal "<")', i);
      if (out.root !== undefined) fail('more than one root element', i);
      count();
      if (stack.length + 1 > maxDepth) throw extractLimit(`XML elements are nested deeper than the extraction limit of ${maxDepth} levels.`);
      const frame: Frame = { name: m[1]!, attrs: [], children: [], text: '' };
      let pos = OPEN_TAG_RE.lastIndex;
      const seen = new Set<string>();
      for (;;) {
        ATTR_RE.lastIndex = pos;
        const a = ATTR_RE.exec(text);
        if (a === null) break;
        const name = a[1]!;
        if (seen.has(name)) fail(`duplicate attribute "${name}"`, pos);
        seen.add(name);
        count();
        const raw = (a[2] ?? a[3] ?? '').replace(/[\t\n\r]/g, ' ');
        frame.attrs.push([name, decodeEntities(raw)]); // stored as `@name`: never an unsafe key
        pos = ATTR_RE.lastIndex;
      }
      TAG_END_RE.lastIndex = pos;
      const e = TAG_END_RE.exec(text);
      if (e === null) fail(`malformed start tag <${frame.name}>`, pos);
      i = TAG_END_RE.lastIndex;
      stack.push(frame);
      if (e[1] === '/') close(stack.pop()!);
    }
  }
  if (stack.length > 0) fail(`element <${stack[stack.length - 1]!.name}> is not closed`, n);
  if (out.root === undefined) throw extractFailed('Malformed XML: the text contains no root element.');
  return out.root;

  function fail(msg: string, at: number): never {
    throw extractFailed(`Malformed XML (line ${lineOf(text, at)}): ${msg}`);
  }

  function close(frame: Frame): void {
    const value = valueOf(frame);
    const parent = stack[stack.length - 1];
    if (parent !== undefined) {
      if (!isUnsafeKey(frame.name)) parent.children.push([frame.name, value]);
    } else {
      const root: Record<string, unknown> = {};
      if (!isUnsafeKey(frame.name)) root[frame.name] = value;
      out.root = root;
    }
  }
}
