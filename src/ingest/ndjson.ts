/**
 * Incremental NDJSON reader (`application/x-ndjson`): decodes the request stream as strict UTF-8, splits it into
 * lines (LF or CRLF; blank lines skipped) and JSON-parses each one, yielding the lines of every chunk as they
 * arrive, so a large body is never buffered whole. Stops with a DelveError — never anything else — on a body
 * over the limit, invalid UTF-8, a line longer than the limit, or a failing stream.
 */
import { DelveError } from '../errors.js';
import { jsonErrorLocation } from './json-error.js';

export interface NdjsonItem {
  /** 1-based line number in the body. */
  line: number;
  /** 0-based position of the item among the non-blank lines. */
  position: number;
  /** The parsed value, when the line is valid JSON. */
  value?: unknown;
  /** Set when the line is not valid JSON: message with line and column. */
  error?: string;
}

export interface NdjsonOptions {
  /** Largest body in bytes (DELVE_MAX_REQUEST_BODY_SIZE): above it, DLV_HTTP_BODY_TOO_LARGE. */
  maxBodyBytes: number;
  /** Longest line in characters: above it, DLV_EVENT_TOO_LARGE (the line is not buffered further). */
  maxLineChars: number;
}

const MAX_SNIPPET = 80;

/** JSON-parses one line; on failure an error message with the line and column. */
export function parseJsonLine(text: string, line: number): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const at = jsonErrorLocation(text, line);
    const near = text.slice(Math.max(0, at.offset - 10), at.offset + 10).slice(0, MAX_SNIPPET);
    return { error: `Invalid JSON at line ${at.line}, column ${at.column}${near ? ` (near ${JSON.stringify(near)})` : ''}.` };
  }
}

/** Splits, decodes and parses an NDJSON stream; yields the complete lines of each chunk. */
export async function* readNdjson(body: AsyncIterable<unknown>, o: NdjsonOptions): AsyncGenerator<NdjsonItem[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let pending = '';
  let line = 0; // lines completed so far
  let position = 0;
  const take = (text: string, out: NdjsonItem[]): void => {
    line += 1;
    const t = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (t.length > o.maxLineChars) throw lineTooLong(line, o.maxLineChars);
    if (!/\S/.test(t)) return;
    const r = parseJsonLine(t, line);
    out.push('value' in r ? { line, position, value: r.value } : { line, position, error: r.error });
    position += 1;
  };
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new DelveError('DLV_EVENT_ENCODING', `The body is not valid UTF-8 (at or after line ${line + 1}); send UTF-8 text.`);
    }
  };
  const iterator = body[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<unknown>;
    try {
      next = await iterator.next();
    } catch (e) {
      if (e instanceof DelveError) throw e;
      throw new DelveError('DLV_HTTP_BAD_REQUEST', 'The request body could not be read to the end (connection aborted?).');
    }
    if (next.done) break;
    const raw = next.value;
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw instanceof Uint8Array ? raw : Buffer.alloc(0);
    bytes += chunk.byteLength;
    if (bytes > o.maxBodyBytes) {
      throw new DelveError('DLV_HTTP_BODY_TOO_LARGE', `The body is larger than DELVE_MAX_REQUEST_BODY_SIZE (${o.maxBodyBytes} bytes); send smaller requests.`);
    }
    const text = pending + decode(chunk);
    const out: NdjsonItem[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl), out);
      start = nl + 1;
    }
    pending = start === 0 ? text : text.slice(start);
    if (pending.length > o.maxLineChars + 1) throw lineTooLong(line + 1, o.maxLineChars);
    if (out.length > 0) yield out;
  }
  const rest = pending + decode(undefined);
  const out: NdjsonItem[] = [];
  if (rest.length > 0) take(rest, out);
  if (out.length > 0) yield out;
}

function lineTooLong(line: number, max: number): DelveError {
  return new DelveError('DLV_EVENT_TOO_LARGE', `Line ${line} is longer than ${max} characters (DELVE_MAX_EVENT_SIZE plus JSON overhead); split the event.`, { field: 'text' });
}
