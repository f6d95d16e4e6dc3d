/**
 * Processors (DELVE_PROCESSOR_MAP, reference §8.1): operator code run once per stored event of a sourcetype —
 * alerts, forwarding, counters. They run after the event is committed, off the request path; what they return
 * is ignored and what they throw (or reject with) is logged, never failing the request. Modules are named like
 * custom extractors: `module:/absolute/path/file.js#exportName` (export `default` without `#...`).
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DelveError } from '../errors.js';

/** What a processor receives: the stored event as the API shows it. */
export interface ProcessedEvent {
  id: string;
  created: string;
  index: string;
  source: string;
  sourcetype: string;
  host: string;
  text: string;
  extracted_fields: Record<string, unknown>;
}

export type Processor = (event: ProcessedEvent) => unknown;
/** sourcetype → processors, in order. */
export type ProcessorMap = ReadonlyMap<string, readonly Processor[]>;

const FIELD = 'DELVE_PROCESSOR_MAP';
const MODULE_RE = /^module:(.+?)(?:#([A-Za-z_$][\w$]*))?$/;

function invalid(message: string): DelveError {
  return new DelveError('DLV_CONFIG_INVALID', `${FIELD}: ${message}`, { field: FIELD });
}

/**
 * Imports every processor module named in the setting (once per name) and checks each export is a function.
 * @throws DelveError DLV_CONFIG_INVALID (field DELVE_PROCESSOR_MAP) naming the sourcetype at fault.
 */
export async function loadProcessorMap(setting: unknown): Promise<ProcessorMap> {
  if (setting === null || typeof setting !== 'object' || Array.isArray(setting)) throw invalid('must be an object mapping sourcetypes to module:/abs/path.js#export names.');
  const loaded = new Map<string, Processor>();
  const out = new Map<string, readonly Processor[]>();
  for (const [sourcetype, entry] of Object.entries(setting as Record<string, unknown>)) {
    const names: unknown[] = Array.isArray(entry) ? entry : [entry];
    const list: Processor[] = [];
    for (const name of names) {
      const where = `sourcetype "${sourcetype}"`;
      const m = typeof name === 'string' ? MODULE_RE.exec(name) : null;
      if (!m || !isAbsolute(m[1]!)) throw invalid(`${where}: a processor is written module:/absolute/path/to/file.js#exportName (got ${JSON.stringify(name)}).`);
      let fn = loaded.get(name as string);
      if (!fn) {
        let mod: Record<string, unknown>;
        try {
          mod = (await import(pathToFileURL(m[1]!).href)) as Record<string, unknown>;
        } catch (e) {
          throw invalid(`${where}: cannot load processor module ${m[1]}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        }
        const exp = mod[m[2] ?? 'default'];
        if (typeof exp !== 'function') throw invalid(`${where}: ${m[1]} has no function export "${m[2] ?? 'default'}" (a processor is (event) => void).`);
        fn = exp as Processor;
        loaded.set(name as string, fn);
      }
      list.push(fn);
    }
    out.set(sourcetype, Object.freeze(list));
  }
  return out;
}

export interface ProcessorLogger {
  warn(obj: object, msg: string): void;
}

/** Runs processors after commits, exactly once per event, and reports failures to the log. */
export class ProcessorRunner {
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly map: ProcessorMap, private readonly logger: ProcessorLogger) {}

  /** True when some sourcetype has processors (lets callers skip building event views). */
  get active(): boolean {
    return this.map.size > 0;
  }

  /** Whether events of this sourcetype have processors. */
  has(sourcetype: string): boolean {
    return this.map.has(sourcetype);
  }

  /** Schedules the processors of each event (on the next turn of the event loop); returns at once. */
  run(events: readonly ProcessedEvent[]): void {
    const todo = events.filter((e) => this.map.has(e.sourcetype));
    if (todo.length === 0) return;
    this.inFlight += 1;
    setImmediate(() => {
      void this.runAll(todo).finally(() => {
        this.inFlight -= 1;
        if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
      });
    });
  }

  /** Resolves when every scheduled processor call has finished. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  private async runAll(events: readonly ProcessedEvent[]): Promise<void> {
    const pending: Promise<unknown>[] = [];
    for (const event of events) {
      for (const fn of this.map.get(event.sourcetype) ?? []) {
        try {
          const r: unknown = fn(event);
          if (r !== null && typeof r === 'object' && typeof (r as { then?: unknown }).then === 'function') {
            pending.push(Promise.resolve(r).catch((e: unknown) => this.report(event, fn, e)));
          }
        } catch (e) {
          this.report(event, fn, e);
        }
      }
    }
    await Promise.all(pending);
  }

  private report(event: ProcessedEvent, fn: Processor, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    this.logger.warn({ sourcetype: event.sourcetype, eventId: event.id, processor: fn.name || '(anonymous)', error: message.slice(0, 500) }, 'event processor failed');
  }
}
