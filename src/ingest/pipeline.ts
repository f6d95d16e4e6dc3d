/**
 * The ingest pipeline (DESIGN §3 `ingest/pipeline.ts`): validate → check the index write ACL → extract fields →
 * group-commit through the EventWriter → run processors once, after the commit. Shared by the REST API (JSON,
 * arrays and streamed NDJSON) and by collectors writing locally (local-sink.ts).
 */
import { DelveError, ERROR_CODES, type ErrorCode } from '../errors.js';
import type { EventWriter, NewEventRow } from '../storage/events/index.js';
import { runExtractors } from './extractors/index.js';
import type { ResolvedExtractionMap } from './extractors/index.js';
import { microsToIso } from './created-time.js';
import type { NdjsonItem } from './ndjson.js';
import type { ProcessedEvent, ProcessorRunner } from './processors.js';
import { exceedsBytes, validateNewEvent, type EventLimits, type ValidEvent } from './validate-event.js';

/** Responses list the new ids only up to this many events. */
export const MAX_IDS_IN_RESPONSE = 1000;
/** Most item errors reported in one response (the count of rejected items is always exact). */
export const MAX_ITEM_ERRORS = 100;
/** Valid events appended per writer call while a partial NDJSON request streams in. */
export const STREAM_CHUNK = 5000;

export interface IngestContext {
  /** Owner of the new events (null for collectors). */
  userId: string | null;
  /** Index write check; absent = trusted caller (local collectors). */
  canWrite?: (index: string) => boolean;
}

export interface ItemError {
  /** 0-based position in the array / among the NDJSON lines. */
  position: number;
  /** NDJSON only: 1-based line number. */
  line?: number;
  code: ErrorCode;
  field?: string;
  message: string;
}

export interface IngestOutcome {
  accepted: number;
  /** Ids of the stored events in order (empty once more than MAX_IDS_IN_RESPONSE were stored). */
  ids: string[];
  rejected: number;
  /** The first MAX_ITEM_ERRORS item errors. */
  errors: ItemError[];
  /** A request-level failure (writer busy, body too large...) after which nothing more was stored. */
  failure?: DelveError;
}

export interface PipelineOptions {
  writer: EventWriter;
  extractors: ResolvedExtractionMap;
  processors: ProcessorRunner;
  limits: EventLimits;
  extractOnCreate: boolean;
  processOnCreate: boolean;
}

export class IngestPipeline {
  constructor(readonly o: PipelineOptions) {}

  /** Validates and extracts one item; returns the row to store or the item error. Never throws. */
  prepare(raw: unknown, position: number, ctx: IngestContext, nowUs: number, createdFormat: 'iso' | 'micros' = 'iso'): NewEventRow | ItemError {
    const v = validateNewEvent(raw, { limits: this.o.limits, nowUs, createdFormat });
    if (!v.ok) return { position, code: v.error.code, field: v.error.field, message: v.error.message };
    const e = v.value;
    if (ctx.canWrite && !ctx.canWrite(e.index)) {
      return { position, code: 'DLV_AUTH_FORBIDDEN', field: 'index', message: `You may not write to index "${e.index}" (your groups' index_write patterns do not match it).` };
    }
    return this.toRow(e, position, ctx.userId, this.o.extractOnCreate);
  }

  /** Runs extraction (when enabled and mapped) and serialises the fields; errors when they end up too large. */
  toRow(e: ValidEvent, position: number, userId: string | null, extract: boolean, existing?: Record<string, unknown> | null): NewEventRow | ItemError {
    // An event without fields (omitted, null or {}) is stored as `{}`, the reference's default: it reads back as {}.
    let fields: Record<string, unknown> = e.extracted_fields ?? existing ?? {};
    const extractors = extract ? this.o.extractors.get(e.sourcetype) : undefined;
    if (extractors && extractors.length > 0) fields = runExtractors(extractors, e.text, fields);
    let json: string;
    try {
      json = JSON.stringify(fields);
    } catch {
      return { position, code: 'DLV_EVENT_INVALID', field: 'extracted_fields', message: 'extracted_fields cannot be serialised as JSON.' };
    }
    if (exceedsBytes(json, this.o.limits.maxEventBytes)) {
      return { position, code: 'DLV_EVENT_TOO_LARGE', field: 'extracted_fields', message: `extracted_fields is larger than DELVE_MAX_EVENT_SIZE (${this.o.limits.maxEventBytes} bytes) as JSON.` };
    }
    return { created: e.created, index: e.index, source: e.source, sourcetype: e.sourcetype, host: e.host, text: e.text, extracted_fields: json, user_id: userId };
  }

  /**
   * Stores a JSON array (or one object) of events. Without `partial` it is all-or-nothing: any invalid item
   * stores nothing and every item error is reported; with it the valid items are stored.
   */
  async ingestItems(items: readonly unknown[], ctx: IngestContext, partial: boolean): Promise<IngestOutcome> {
    const acc = new Accumulator();
    const nowUs = Date.now() * 1000;
    const rows: NewEventRow[] = [];
    items.forEach((raw, i) => {
      const r = this.prepare(raw, i, ctx, nowUs);
      if (isItemError(r)) acc.error(r);
      else if (partial || acc.rejected === 0) rows.push(r);
    });
    if (!partial && acc.rejected > 0) return acc.outcome();
    await this.commit(rows, acc);
    return acc.outcome();
  }

  /**
   * Stores streamed NDJSON. Without `partial` the valid rows are kept until the end and appended in one atomic
   * writer call (nothing is stored when any line is invalid); with it they are appended every STREAM_CHUNK rows.
   */
  async ingestStream(lines: AsyncIterable<NdjsonItem[]>, ctx: IngestContext, partial: boolean): Promise<IngestOutcome> {
    const acc = new Accumulator();
    let rows: NewEventRow[] = [];
    try {
      for await (const batch of lines) {
        const nowUs = Date.now() * 1000;
        for (const item of batch) {
          if (item.error !== undefined) { acc.error({ position: item.position, line: item.line, code: 'DLV_EVENT_JSON', message: item.error }); continue; }
          const r = this.prepare(item.value, item.position, ctx, nowUs);
          if (isItemError(r)) acc.error({ ...r, line: item.line });
          else if (partial || acc.rejected === 0) rows.push(r);
        }
        if (!partial && acc.rejected > 0) rows = [];
        if (partial && rows.length >= STREAM_CHUNK) {
          const chunk = rows;
          rows = [];
          await this.commit(chunk, acc);
          if (acc.failure) return acc.outcome();
        }
      }
    } catch (e) {
      acc.failure = e instanceof DelveError ? e : new DelveError('DLV_HTTP_BAD_REQUEST', 'The request body could not be read.');
      return acc.outcome();
    }
    if (!partial && acc.rejected > 0) return acc.outcome();
    await this.commit(rows, acc);
    return acc.outcome();
  }

  /** Appends rows through the writer; on success records ids and schedules processors, else the failure. */
  private async commit(rows: NewEventRow[], acc: Accumulator): Promise<void> {
    if (rows.length === 0) return;
    try {
      const { ids } = await this.o.writer.append(rows);
      acc.stored(ids);
      if (this.o.processOnCreate) this.afterCommit(rows, ids);
    } catch (e) {
      acc.failure = e instanceof DelveError ? e : new DelveError('DLV_INGEST_WRITE_FAILED', 'The events could not be stored; the server log has the details.', { cause: e });
    }
  }

  /** Runs the processors of committed rows (once; errors are logged by the runner). */
  afterCommit(rows: readonly NewEventRow[], ids: readonly string[]): void {
    const p = this.o.processors;
    if (!p.active) return;
    const events: ProcessedEvent[] = [];
    rows.forEach((r, i) => {
      if (p.has(r.sourcetype)) events.push(toProcessedEvent(r, ids[i]!));
    });
    p.run(events);
  }
}

/** The API view of a row for processors. */
export function toProcessedEvent(r: NewEventRow, id: string): ProcessedEvent {
  let fields: Record<string, unknown> = {};
  if (r.extracted_fields) {
    try { fields = JSON.parse(r.extracted_fields) as Record<string, unknown>; } catch { fields = {}; }
  }
  return { id, created: microsToIso(r.created), index: r.index, source: r.source, sourcetype: r.sourcetype, host: r.host, text: r.text, extracted_fields: fields };
}

export function isItemError(r: NewEventRow | ItemError): r is ItemError {
  return (r as ItemError).code !== undefined;
}

/** HTTP status of an item error code. */
export function itemStatus(e: ItemError): number {
  return ERROR_CODES[e.code].status;
}

class Accumulator {
  accepted = 0;
  rejected = 0;
  ids: string[] = [];
  errors: ItemError[] = [];
  failure: DelveError | undefined;

  error(e: ItemError): void {
    this.rejected += 1;
    if (this.errors.length < MAX_ITEM_ERRORS) this.errors.push(e);
  }

  stored(ids: string[]): void {
    this.accepted += ids.length;
    if (this.accepted <= MAX_IDS_IN_RESPONSE) this.ids.push(...ids);
    else this.ids = [];
  }

  outcome(): IngestOutcome {
    const o: IngestOutcome = { accepted: this.accepted, ids: this.ids, rejected: this.rejected, errors: this.errors };
    if (this.failure) o.failure = this.failure;
    return o;
  }
}
