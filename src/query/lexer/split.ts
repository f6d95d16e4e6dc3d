/**
 * Splitting a query into pipeline segments.
 *
 * Rules (DESIGN §6; reference §4.1 where it does not conflict):
 * - A single `|` outside quotes and comments separates two segments.
 * - A run of two or more `|` outside quotes never splits; each `||` in the run becomes one literal `|`,
 *   left to right, exactly like the original's `replace('||', '|')`: `||` → `|`, `|||` → `||`,
 *   `||||` → `||`, i.e. a run of n pipes yields ceil(n/2) literal pipes.
 * - Inside `'…'` or `"…"` a `|` never splits and `||` stays `||` (DIVERGENCE: the original split and
 *   unescaped pipes before looking at quotes, so `rex '(a|b)'` used to break and had to be `(a||b)`).
 * - A backslash outside quotes escapes the next character, so `\|` is also a literal `|` (POSIX sh).
 * - An unquoted `#` at the start of a word starts a comment to the end of the line; pipes and quotes
 *   inside a comment are ignored (so `# don't` does not open a quote). This mirrors the tokenizer.
 *
 * Splitting never fails: an unclosed quote simply runs to the end of the text, and the tokenizer then
 * reports it with a span from the quote to the end.
 */
import type { Span } from '../diagnostics.js';
import { isDoubleQuoteEscapable, isShellWhitespace } from './chars.js';

/** One pipeline segment, before tokenizing. */
export type Segment = {
  /** 0-based position in the pipeline. */
  index: number;
  /** Segment text with literal pipes unescaped (`||` → `|`); this is what the template stage renders. */
  source: string;
  /** `offsets[i]` is the offset in the original text of `source[i]`; `offsets[source.length]` is the end. */
  offsets: number[];
  /** The original text between the surrounding separator pipes (exclusive of them). */
  rawSpan: Span;
  /** The separator pipe before this segment, if any. */
  pipeBefore?: Span;
  /** The separator pipe after this segment, if any. */
  pipeAfter?: Span;
};

type State = 'plain' | 'single' | 'double' | 'comment';

/** Split `text` into segments at unquoted single pipes. Always returns at least one segment. */
export function splitPipeline(text: string): Segment[] {
  const segments: Segment[] = [];
  let source = '';
  let offsets: number[] = [];
  let segStart = 0;
  let pipeBefore: Span | undefined;
  let state: State = 'plain';
  let atWordStart = true;
  const emit = (c: string, at: number): void => {
    source += c;
    offsets.push(at);
  };
  const finish = (end: number, pipeAfter: Span | undefined): void => {
    offsets.push(end);
    const seg: Segment = { index: segments.length, source, offsets, rawSpan: { start: segStart, end } };
    if (pipeBefore !== undefined) seg.pipeBefore = pipeBefore;
    if (pipeAfter !== undefined) seg.pipeAfter = pipeAfter;
    segments.push(seg);
    source = '';
    offsets = [];
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charAt(i);
    if (state === 'comment') {
      emit(c, i);
      if (c === '\n') {
        state = 'plain';
        atWordStart = true;
      }
      i += 1;
    } else if (state === 'single') {
      emit(c, i);
      if (c === "'") state = 'plain';
      i += 1;
    } else if (state === 'double') {
      if (c === '\\' && isDoubleQuoteEscapable(text[i + 1])) {
        emit(c, i);
        emit(text.charAt(i + 1), i + 1);
        i += 2;
      } else {
        emit(c, i);
        if (c === '"') state = 'plain';
        i += 1;
      }
    } else if (c === '|') {
      let run = 1;
      while (text[i + run] === '|') run += 1;
      if (run === 1) {
        finish(i, { start: i, end: i + 1 });
        pipeBefore = { start: i, end: i + 1 };
        segStart = i + 1;
        atWordStart = true;
      } else {
        for (let k = 0; k < run; k += 2) emit('|', i + k);
        atWordStart = false;
      }
      i += run;
    } else if (c === '\\') {
      emit(c, i);
      if (i + 1 < n) {
        const next = text.charAt(i + 1);
        emit(next, i + 1);
        // A backslash-newline is a line continuation: it does not end or start a word.
        if (next !== '\n') atWordStart = false;
        i += 2;
      } else {
        i += 1;
      }
    } else {
      emit(c, i);
      if (c === "'") state = 'single';
      else if (c === '"') state = 'double';
      else if (c === '#' && atWordStart) state = 'comment';
      if (state !== 'comment') atWordStart = isShellWhitespace(c);
      i += 1;
    }
  }
  finish(n, undefined);
  return segments;
}
