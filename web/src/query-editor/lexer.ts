/**
 * A light, never-failing scanner for the pipeline language, mirroring the server's splitter and tokenizer
 * (src/query/lexer): a single `|` outside quotes and comments separates segments, `||` is a literal pipe,
 * words are split POSIX-shell style (`'…'`, `"…"` with `\"`/`\\`, backslash escapes), and an unquoted `#` at the
 * start of a word starts a comment to the end of the line. Offsets are UTF-16 offsets into the text (the same
 * units as the API's error spans and CodeMirror positions). Used for autocomplete context and filter insertion.
 */

export interface Word {
  /** The word after quote removal. */
  value: string;
  start: number;
  end: number;
  /** True when any part was quoted or escaped. */
  quoted: boolean;
}

export interface ScannedSegment {
  /** Offset just after the separator pipe before this segment (0 for the first). */
  start: number;
  /** Offset of the separator pipe after it (text length for the last). */
  end: number;
  words: Word[];
}

export interface Scan {
  segments: ScannedSegment[];
  /** What is still open at the end of the text: a quote, a comment, or nothing. */
  open: "'" | '"' | 'comment' | null;
  /** True when the text ends inside a word (no whitespace after the last word). */
  endsInWord: boolean;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

export function scan(text: string): Scan {
  const segments: ScannedSegment[] = [];
  let seg: ScannedSegment = { start: 0, end: text.length, words: [] };
  let word: Word | null = null;
  let open: Scan['open'] = null;
  const n = text.length;
  const begin = (i: number): Word => (word ??= { value: '', start: i, end: i, quoted: false });
  const endWord = (at: number): void => {
    if (word) {
      word.end = at;
      seg.words.push(word);
      word = null;
    }
  };
  let i = 0;
  while (i < n) {
    const c = text.charAt(i);
    if (isSpace(c)) {
      endWord(i);
      i += 1;
    } else if (c === '#' && word === null) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) {
        open = 'comment';
        i = n;
      } else {
        i = nl;
      }
    } else if (c === '|') {
      let run = 1;
      while (text[i + run] === '|') run += 1;
      if (run === 1) {
        endWord(i);
        seg.end = i;
        segments.push(seg);
        seg = { start: i + 1, end: n, words: [] };
      } else {
        begin(i).value += '|'.repeat(Math.ceil(run / 2));
      }
      i += run;
    } else if (c === '\\') {
      if (text[i + 1] === '\n') {
        // line continuation: joins lines without starting or ending a word
        if (word) (word as Word).quoted = true;
        i += 2;
        continue;
      }
      const w = begin(i);
      w.quoted = true;
      if (i + 1 < n) w.value += text.charAt(i + 1);
      i += 2;
    } else if (c === "'") {
      const w = begin(i);
      w.quoted = true;
      const close = text.indexOf("'", i + 1);
      if (close < 0) {
        w.value += text.slice(i + 1);
        open = "'";
        i = n;
      } else {
        w.value += text.slice(i + 1, close);
        i = close + 1;
      }
    } else if (c === '"') {
      const w = begin(i);
      w.quoted = true;
      let j = i + 1;
      while (j < n && text[j] !== '"') {
        if (text[j] === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
          w.value += text.charAt(j + 1);
          j += 2;
        } else {
          w.value += text.charAt(j);
          j += 1;
        }
      }
      if (j >= n) {
        open = '"';
        i = n;
      } else {
        i = j + 1;
      }
    } else {
      begin(i).value += c;
      i += 1;
    }
  }
  const endsInWord = word !== null;
  endWord(Math.min(i, n));
  segments.push(seg);
  return { segments, open, endsInWord };
}

/** True when `before` ends inside an unclosed template tag (`{{ …`, `{% …`, `{# …`). */
export function inTemplateTag(before: string): boolean {
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'), before.lastIndexOf('{#'));
  if (open < 0) return false;
  const close = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'), before.lastIndexOf('#}'));
  return close < open;
}
