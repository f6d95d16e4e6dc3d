/**
 * create-events: bulk-loads a file or stdin into an EventSink, one event per non-blank line (LF or CRLF, the
 * terminator stripped) or one per match of `eventRegex`, in batches, with an optional TTY progress bar.
 */
import { StringDecoder } from 'node:string_decoder';
import { DelveError } from '../../errors.js';
import { createProgress, type ProgressStream } from '../../util/progress.js';
import type { EventSink, IngestEvent } from '../sink.js';
import { LineSplitter, type LineOut } from '../tail/lines.js';
import { compileEventRegex, DEFAULT_MAX_EVENT_CHARS, RegexEventSplitter } from './regex-events.js';

export interface LoadEventsOptions {
  /** The data: a file stream, process.stdin, or any async iterable of chunks. */
  input: AsyncIterable<Buffer | string>;
  /** Size of the input when known (a file), for the progress bar's percentage and ETA. */
  totalBytes?: number;
  /** One event per match of this regex instead of one per line (see regex-events.ts for the limits). */
  eventRegex?: string;
  /** Flags for eventRegex (default `m`; `g` is implied). */
  eventRegexFlags?: string;
  defaults: { index: string; host: string; source: string; sourcetype: string };
  sink: EventSink;
  /** Events per sink.write (default 5000). */
  batchSize?: number;
  /** Longest event (default 1 MiB): longer lines are split into chunks marked `_split: n`; see regex-events.ts. */
  maxEventBytes?: number;
  /** Draws a progress bar here when it is a TTY. */
  progress?: ProgressStream;
  /** Abort (e.g. on SIGTERM): stop reading, deliver the events already read, and return with `aborted: true`. */
  signal?: AbortSignal;
}

export interface LoadEventsResult {
  events: number;
  bytes: number;
  seconds: number;
  eventsPerSecond: number;
  batches: number;
  aborted: boolean;
}

function checkInt(name: string, v: number | undefined, dflt: number): number {
  const x = v ?? dflt;
  if (!Number.isSafeInteger(x) || x < 1) throw new DelveError('DLV_BULK_OPTION', `${name} must be a positive integer (got ${String(v)}).`, { field: name });
  return x;
}

/**
 * Loads every event of `input` into `sink` and reports counts and throughput. A batch is written only after the
 * previous one resolved (back-pressure: reading pauses while the sink is busy). A sink rejection stops the load and
 * is rethrown (events before the failed batch are delivered; the count is in the error's `details.events`).
 */
export async function loadEvents(o: LoadEventsOptions): Promise<LoadEventsResult> {
  const batchSize = checkInt('batchSize', o.batchSize, 5000);
  const maxEventBytes = checkInt('maxEventBytes', o.maxEventBytes, DEFAULT_MAX_EVENT_CHARS);
  const regex = o.eventRegex === undefined ? undefined : new RegexEventSplitter(compileEventRegex(o.eventRegex, o.eventRegexFlags), maxEventBytes);
  const lines = regex ? undefined : new LineSplitter(maxEventBytes, 'split');
  const decoder = new StringDecoder('utf8');
  const started = process.hrtime.bigint();
  const bar = createProgress({ stream: o.progress, total: o.totalBytes, unit: 'bytes', label: 'create-events' });
  const res = { events: 0, bytes: 0, batches: 0, aborted: false };
  let batch: IngestEvent[] = [];

  const send = async (): Promise<void> => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    try {
      await o.sink.write(b);
    } catch (e) {
      bar.finish();
      throw e instanceof DelveError ? e : new DelveError('DLV_INTERNAL', `Delivering events failed after ${res.events} events: ${(e as Error).message}`, { cause: e, details: { events: res.events } });
    }
    res.events += b.length;
    res.batches++;
  };
  const addText = async (text: string, marks?: Record<string, unknown>): Promise<void> => {
    const ev: IngestEvent = { ...o.defaults, text };
    if (marks) ev.extracted_fields = marks;
    batch.push(ev);
    if (batch.length >= batchSize) await send();
  };
  const addLine = async (item: LineOut): Promise<void> => {
    if (item.text !== undefined) await addText(item.text, item.split === undefined ? undefined : { _split: item.split });
  };

  const it = o.input[Symbol.asyncIterator]();
  let onAbort = (): void => undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (o.signal?.aborted) resolve('aborted');
    o.signal?.addEventListener('abort', onAbort, { once: true });
  });
  for (;;) {
    const next = await Promise.race([it.next(), aborted]);
    if (next === 'aborted') {
      res.aborted = true;
      // Do not await: a stream's iterator settles return() only after its pending read, which may never come.
      void Promise.resolve(it.return?.()).catch(() => undefined);
      break;
    }
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    res.bytes += chunk.length;
    if (lines) for (const item of lines.push(chunk)) await addLine(item);
    else if (regex) for (const t of regex.push(decoder.write(chunk))) await addText(t);
    bar.update(res.bytes);
  }
  if (!res.aborted) {
    if (lines) {
      const last = lines.flushPartial(true);
      if (last) await addLine(last);
    } else if (regex) {
      for (const t of [...regex.push(decoder.end()), ...regex.end()]) await addText(t);
    }
  }
  o.signal?.removeEventListener('abort', onAbort);
  await send();
  bar.update(res.bytes);
  bar.finish();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...res, seconds, eventsPerSecond: seconds > 0 ? res.events / seconds : res.events };
}
