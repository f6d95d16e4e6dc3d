/**
 * Streaming regex event splitter for create-events `--event-regex`: every match of the regex over the input is an
 * event. The input arrives in chunks, so a match found near the end of what has arrived could still grow when more
 * text comes: the last match is therefore held back (and re-matched with the following text) until more input
 * arrives or the input ends. Consequences, documented for users:
 *  - An event is at most `maxEventChars` characters (default 1 Mi): when the held-back text exceeds it, the match is
 *    emitted as it stands; text that contains no match is discarded once it is longer than that.
 *  - Flags default to `m` (`^`/`$` match at line boundaries); `g` is always added; `s` (dot matches newline), `i`
 *    and `u` may be given. Empty matches are ignored.
 */
import { DelveError } from '../../errors.js';

export const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;

/** Compiles the user's regex (DLV_BULK_REGEX when invalid). */
export function compileEventRegex(source: string, flags = 'm'): RegExp {
  if (source === '') throw new DelveError('DLV_BULK_REGEX', 'The event regex is empty: give a pattern that matches one event.', { field: 'event-regex' });
  if (!/^[imsu]*$/.test(flags)) throw new DelveError('DLV_BULK_REGEX', `Regex flags may only be i, m, s and u (got "${flags}").`, { field: 'event-regex' });
  try {
    return new RegExp(source, `${[...new Set(flags)].join('')}g`);
  } catch (e) {
    throw new DelveError('DLV_BULK_REGEX', `The event regex is invalid: ${(e as Error).message}`, { field: 'event-regex' });
  }
}

interface Match {
  start: number;
  end: number;
  text: string;
}

export class RegexEventSplitter {
  private buf = '';

  constructor(
    private readonly re: RegExp,
    private readonly maxEventChars = DEFAULT_MAX_EVENT_CHARS,
  ) {}

  private matches(): Match[] {
    const out: Match[] = [];
    this.re.lastIndex = 0;
    for (;;) {
      const m = this.re.exec(this.buf);
      if (!m) break;
      if (m[0] === '') {
        this.re.lastIndex++;
        if (this.re.lastIndex > this.buf.length) break;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return out;
  }

  /** Adds text; returns the events that are complete. */
  push(text: string): string[] {
    this.buf += text;
    const ms = this.matches();
    const last = ms.pop();
    if (!last) {
      if (this.buf.length > this.maxEventChars) this.buf = this.buf.slice(this.buf.length - this.maxEventChars);
      return [];
    }
    const events = ms.map((m) => m.text);
    if (this.buf.length - last.start > this.maxEventChars) {
      events.push(last.text);
      this.buf = this.buf.slice(last.end);
    } else {
      this.buf = this.buf.slice(last.start);
    }
    return events;
  }

  /** The input ended: returns the remaining matches. */
  end(): string[] {
    const events = this.matches().map((m) => m.text);
    this.buf = '';
    return events;
  }
}
