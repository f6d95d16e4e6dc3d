/**
 * Retention (issue 5 point 6): delete events older than a per-index age, in small transactions that also remove
 * them from the full-text index, so neither ingest nor searches stall. Driven by DELVE_RETENTION (a periodic job
 * started with the server) and by `./fl purge`. Every purge that deletes something is audited (`events.purge`).
 */
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { isValidIndexName } from '../auth/index-acl.js';
import { parseDuration } from '../config/define.js';
import { DelveError } from '../errors.js';
import type { SqliteDb } from '../storage/sqlite/open.js';
import { deleteFromIndex } from '../storage/events/index.js';

/** Rows deleted per transaction. */
export const PURGE_BATCH = 5000;

/** Parses an age such as `30d`, `12h`, `2w`, `3600` (seconds); at least one second. */
export function parseAge(text: unknown, field = 'older-than'): number {
  const s = typeof text === 'string' ? parseDuration(text) : undefined;
  if (s === undefined || s < 1) throw new DelveError('DLV_RETENTION_INVALID', `${field}: ${JSON.stringify(String(text)).slice(0, 40)} is not an age; write e.g. 30d, 12h, 2w or a number of seconds.`, { field });
  return s;
}

/** Validates DELVE_RETENTION (`{"index": "30d"}`) into index → maximum age in seconds. */
export function parseRetention(setting: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (setting === null || typeof setting !== 'object' || Array.isArray(setting)) {
    throw new DelveError('DLV_RETENTION_INVALID', 'DELVE_RETENTION must map index names to ages, e.g. {"default": "30d"}.', { field: 'DELVE_RETENTION' });
  }
  for (const [index, age] of Object.entries(setting as Record<string, unknown>)) {
    if (!isValidIndexName(index)) throw new DelveError('DLV_RETENTION_INVALID', `DELVE_RETENTION: "${String(index).slice(0, 60)}" is not an index name.`, { field: 'DELVE_RETENTION' });
    out.set(index, parseAge(age, `DELVE_RETENTION.${index}`));
  }
  return out;
}

export interface PurgeRequest {
  index: string;
  /** Events with `created` strictly before this (epoch µs) are deleted. */
  beforeUs: number;
  /** Only count. */
  dryRun?: boolean;
  batchSize?: number;
}

/** Waits until no other transaction is open on the connection (Kysely transactions share it). */
async function whenIdle(sqlite: SqliteDb): Promise<void> {
  while (sqlite.inTransaction) await sleep(2);
}

/** Deletes (or, dry-run, counts) the events of one index older than the cutoff; returns how many. */
export async function purgeEvents(sqlite: SqliteDb, r: PurgeRequest): Promise<number> {
  if (r.dryRun) {
    return Number(sqlite.prepare('SELECT count(*) FROM events WHERE "index" = ? AND created < ?').pluck().get(r.index, r.beforeUs));
  }
  const batch = Math.max(1, r.batchSize ?? PURGE_BATCH);
  const select = sqlite.prepare('SELECT seq FROM events WHERE "index" = ? AND created < ? LIMIT ?').pluck();
  const del = sqlite.prepare('DELETE FROM events WHERE seq = ?');
  const step = sqlite.transaction((): number => {
    const seqs = select.all(r.index, r.beforeUs, batch) as number[];
    for (const seq of seqs) del.run(seq);
    deleteFromIndex(sqlite, seqs);
    return seqs.length;
  });
  let total = 0;
  for (;;) {
    await whenIdle(sqlite);
    const n = step.immediate();
    total += n;
    if (n < batch) return total;
    await yieldToEventLoop();
  }
}

export interface PurgeAuditEntry {
  action: 'events.purge';
  outcome: 'success';
  actor: string;
  target: string;
  details: Record<string, unknown>;
}

export interface RetentionJobOptions {
  sqlite: SqliteDb;
  /** index → maximum age in seconds (parseRetention). */
  policy: ReadonlyMap<string, number>;
  audit?: (entry: PurgeAuditEntry) => void;
  logger?: { info(o: object, m: string): void; error(o: object, m: string): void };
  /** Period in ms (default one hour). */
  intervalMs?: number;
  now?: () => number;
}

/** Applies DELVE_RETENTION at start and then periodically (timers unref'd). */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Record<string, number>> | undefined;

  constructor(private readonly o: RetentionJobOptions) {}

  start(): void {
    if (this.o.policy.size === 0 || this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.o.intervalMs ?? 3_600_000);
    this.timer.unref();
    setImmediate(() => void this.runOnce());
  }

  /** One pass over the policy; returns index → deleted. Errors are logged, never thrown. */
  runOnce(): Promise<Record<string, number>> {
    if (this.running) return this.running;
    const p = this.pass().finally(() => { this.running = undefined; });
    this.running = p;
    return p;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const nowUs = (this.o.now?.() ?? Date.now()) * 1000;
    for (const [index, seconds] of this.o.policy) {
      try {
        const deleted = await purgeEvents(this.o.sqlite, { index, beforeUs: nowUs - seconds * 1_000_000 });
        out[index] = deleted;
        if (deleted > 0) {
          this.o.audit?.({ action: 'events.purge', outcome: 'success', actor: 'system', target: index, details: { deleted, older_than_seconds: seconds, via: 'DELVE_RETENTION' } });
          this.o.logger?.info({ index, deleted, olderThanSeconds: seconds }, 'retention: purged old events');
        }
      } catch (e) {
        this.o.logger?.error({ index, err: e }, 'retention: purge failed');
      }
    }
    return out;
  }
}
