/**
 * Where a JSON text goes wrong: used only after JSON.parse failed, to report a line and column (V8's messages
 * do not always carry a position). A small RFC 8259 syntax scanner; never throws.
 */

export interface JsonErrorLocation {
  /** 0-based offset of the first offending character (the text length when the input ends too early). */
  offset: number;
  /** 1-based line and column (columns count UTF-16 code units). */
  line: number;
  column: number;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Offset of the first syntax error in `text`, or -1 when it is valid JSON. Iterative: deep nesting cannot overflow. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const stack: number[] = []; // 0 = array, 1 = object
  const ws = (): void => { while (i < n && WS.has(text.charCodeAt(i))) i++; };
  const str = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return true; }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 1; return false; }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else { i += 1; return false; }
      } else i++;
    }
    return false;
  };
  const num = (): boolean => {
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  const scalar = (): boolean => {
    if (text[i] === '"') return str();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) { i += lit.length; return true; }
    }
    return num();
  };
  let need: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    if (need === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) { i++; need = 'after'; continue; }
        stack.push(c === '{' ? 1 : 0);
        need = c === '{' ? 'key' : 'value';
        continue;
      }
      if (!scalar()) return Math.min(i, n);
      need = 'after';
      continue;
    }
    if (need === 'key') {
      if (!str()) return Math.min(i, n);
      ws();
      if (text[i] !== ':') return Math.min(i, n);
      i++;
      need = 'value';
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    const c = text[i];
    if (c === ',') { i++; need = top === 1 ? 'key' : 'value'; continue; }
    if ((top === 1 && c === '}') || (top === 0 && c === ']')) { i++; stack.pop(); continue; }
    return Math.min(i, n);
  }
  return i === n ? -1 : i;
}

/** Line/column of `offset` in `text` (both 1-based), where `firstLine` is the line number of text[0]. */
export function locate(text: string, offset: number, firstLine = 1): JsonErrorLocation {
  let line = firstLine;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** The location of the syntax error in `text` (falls back to its end when the scanner finds none). */
export function jsonErrorLocation(text: string, firstLine = 1): JsonErrorLocation {
  const off = jsonErrorOffset(text);
  return locate(text, off < 0 ? text.length : off, firstLine);
}
