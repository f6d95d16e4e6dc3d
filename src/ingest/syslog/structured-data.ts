import type { StructuredData } from './types.js';

/** Caps on what one message may contribute (anything beyond is parsed past and dropped). */
export const SD_LIMITS = { maxElements: 128, maxParams: 256, maxNameChars: 255 } as const;

export interface ParsedStructuredData {
  data: StructuredData;
  /** Index just past the last `]`. */
  end: number;
}

/**
 * Parses RFC 5424 STRUCTURED-DATA (one or more `[SD-ID name="value" ...]`) starting at `pos`.
 * Escapes `\"`, `\\` and `\]` in values are decoded; any other backslash is kept literally (RFC 5424
 * §6.3.3). A repeated SD-ID or PARAM-NAME is stored under `name#2`, `name#3`, ... so nothing is lost.
 * Returns `undefined` when the text is not well-formed (the caller then treats it as MSG).
 */
export function parseStructuredData(text: string, pos: number): ParsedStructuredData | undefined {
  const data: StructuredData = Object.create(null) as StructuredData;
  let elements = 0;
  let i = pos;
  while (text[i] === '[') {
    const id = readName(text, i + 1);
    if (!id) return undefined;
    i = id.end;
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    let count = 0;
    while (text[i] === ' ') {
      const name = readName(text, i + 1);
      if (!name || text[name.end] !== '=' || text[name.end + 1] !== '"') return undefined;
      const value = readValue(text, name.end + 2);
      if (!value) return undefined;
      i = value.end;
      if (++count <= SD_LIMITS.maxParams) params[uniqueKey(params, name.name)] = value.value;
    }
    if (text[i] !== ']') return undefined;
    i++;
    if (++elements <= SD_LIMITS.maxElements) data[uniqueKey(data, id.name)] = params;
  }
  return i === pos ? undefined : { data, end: i };
}

/** SD-NAME: printable US-ASCII except `=`, SP, `]` and `"`. */
function readName(text: string, pos: number): { name: string; end: number } | undefined {
  let i = pos;
  while (i < text.length && i - pos < SD_LIMITS.maxNameChars) {
    const c = text.charCodeAt(i);
    if (c < 33 || c > 126 || c === 0x3d || c === 0x5d || c === 0x22) break;
    i++;
  }
  return i === pos ? undefined : { name: text.slice(pos, i), end: i };
}

/** PARAM-VALUE up to the closing unescaped `"`; `end` is just past that quote. */
function readValue(text: string, pos: number): { value: string; end: number } | undefined {
  let out = '';
  let start = pos;
  for (let i = pos; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value: out + text.slice(start, i), end: i + 1 };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '"' || next === '\\' || next === ']') {
        out += text.slice(start, i) + next;
        i++;
        start = i + 1;
      }
    }
  }
  return undefined;
}

function uniqueKey(obj: Record<string, unknown>, key: string): string {
  if (!(key in obj)) return key;
  let n = 2;
  while (`${key}#${n}` in obj) n++;
  return `${key}#${n}`;
}
