import type { FileHandle } from 'node:fs/promises';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DelveError } from '../../errors.js';
import { ensurePrivateDir } from '../../util/private-fs.js';
import type { EventSink, IngestEvent } from '../sink.js';
import { backoffDelay, Sleeper, type BackoffOptions } from './backoff.js';
import { appendRejected } from './rejected-file.js';
import {
  acquireLock, loadSegments, readCursor, readRecords, releaseLock, segmentPath, spoolIo, syncDir, writeCursor,
  type Cursor, type Segment, type SpoolRecord,
} from './spool-files.js';
import { Signal } from './signal.js';
import type { BatchSender, CollectorLogger, SinkCounters } from './types.js';

/** Options of {@link SpoolSink.open}. */
export interface SpoolOptions {
  /** Spool directory, e.g. `var/spool/<name>/` (created 0700; files 0600). */
  dir: string;
  /** Where spooled batches are shipped (a `RemoteSink`). Closed by `SpoolSink.close()`. */
  sender: BatchSender;
  logger: CollectorLogger;
  /** Most unacknowledged bytes on disk (default 256 MiB); `write()` waits while the spool is full. */
  maxBytes?: number;
  /** A new segment file is started once the current one reaches this size (default 8 MiB). */
  segmentBytes?: number;
  /** How long `write()` waits for space before rejecting with DLV_SPOOL_FULL (default 30 s). */
  writeTimeoutMs?: number;
  /** Consecutive spooled batches are merged into one POST up to this many events (default 5000)... */
  maxPostEvents?: number;
  /** ...and this many bytes (default 4 MiB). */
  maxPostBytes?: number;
  /** Back-off between delivery attempts (Retry-After from the server takes precedence). */
  retry?: BackoffOptions;
}

/**
 * A durable store-and-forward sink. `write()` appends the batch as one NDJSON record to the current segment,
 * fsyncs, and only then resolves, so a caller may acknowledge its senders. A background loop ships records in
 * order to the remote (merging small ones), advances `cursor.json` after each 2xx and deletes segments once they
 * are fully acknowledged. Temporary failures are retried forever with back-off; permanent rejections (4xx) go to
 * `rejected.ndjson`. When the unacknowledged data reaches `maxBytes`, `write()` waits for space (back-pressure)
 * up to `writeTimeoutMs`, then rejects with DLV_SPOOL_FULL. After a restart (or a crash) the unsent records are
 * shipped first: delivery is at-least-once.
 */
export class SpoolSink implements EventSink {
  readonly dir: string;
  private readonly opts: SpoolOptions;
  private readonly maxBytes: number;
  private readonly segmentBytes: number;
  private segments: Segment[];
  private cursor: Cursor;
  private nextSeq: number;
  private active: { seg: Segment; fh: FileHandle } | undefined;
  private unacked = 0;
  private reserved = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly work = new Signal();
  private readonly space = new Signal();
  private readonly sleeper = new Sleeper();
  private closing = false;
  private stopping = false;
  private readonly shipping: Promise<void>;
  private readonly c = { spooled: 0, forwarded: 0, retried: 0, rejected: 0, corrupt: 0 };

  private constructor(opts: SpoolOptions, segments: Segment[], cursor: Cursor) {
    this.opts = opts;
    this.dir = opts.dir;
    this.maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
    this.segmentBytes = opts.segmentBytes ?? 8 * 1024 * 1024;
    this.segments = segments;
    this.cursor = cursor;
    this.nextSeq = Math.max(cursor.seq, segments.at(-1)?.seq ?? 0) + 1;
    this.unacked = segments.reduce((n, s) => n + s.size, 0) - cursor.offset;
    this.shipping = this.ship().catch((e: unknown) => {
      opts.logger.error({ err: e }, 'The spool shipper stopped unexpectedly; spooled events stay on disk until the next start');
    });
  }

  /**
   * Opens (or creates) the spool, repairs a segment cut short by a crash, takes the directory lock and starts
   * shipping. Throws DLV_SPOOL_IO when the directory cannot be used or another process holds it.
   */
  static open(opts: SpoolOptions): SpoolSink {
    try {
      ensurePrivateDir(opts.dir);
    } catch (e) {
      throw spoolIo(`Cannot create the spool directory ${opts.dir}`, e);
    }
    acquireLock(opts.dir);
    try {
      const { segments, repaired } = loadSegments(opts.dir);
      if (repaired > 0) opts.logger.warn({ dir: opts.dir, segments: repaired }, 'Removed an incomplete record left by a crash (it had not been acknowledged)');
      let cursor = readCursor(opts.dir) ?? { seq: segments[0]?.seq ?? 1, offset: 0 };
      while (segments[0] !== undefined && segments[0].seq < cursor.seq) segments.shift(); // acknowledged, delete below
      if (segments[0] === undefined || segments[0].seq !== cursor.seq) cursor = { seq: segments[0]?.seq ?? cursor.seq, offset: 0 };
      cursor.offset = Math.min(cursor.offset, segments[0]?.size ?? 0);
      const sink = new SpoolSink(opts, segments, cursor);
      if (sink.unacked > 0) opts.logger.info({ dir: opts.dir, spoolBytes: sink.unacked }, 'Shipping events spooled before the restart');
      return sink;
    } catch (e) {
      releaseLock(opts.dir);
      throw e instanceof DelveError ? e : spoolIo(`Cannot read the spool ${opts.dir}`, e);
    }
  }

  /** Counters since open: spooled, forwarded, retried, rejected, spoolBytes (unacknowledged bytes on disk). */
  counters(): SinkCounters & { corrupt: number } {
    return { ...this.c, spoolBytes: this.unacked };
  }

  /** Appends the batch durably (fsync) and resolves; waits while the spool is full (see class doc). */
  async write(events: IngestEvent[]): Promise<void> {
    if (this.closing) throw new DelveError('DLV_COLLECTOR_CLOSED', 'The spool is closing; the batch was not accepted.');
    if (events.length === 0) return;
    const buf = Buffer.from(JSON.stringify(events) + '\n', 'utf8');
    if (buf.length > this.maxBytes) {
      throw new DelveError('DLV_SPOOL_FULL', `A batch of ${buf.length} bytes does not fit in a spool of ${this.maxBytes} bytes; raise the spool size.`, { field: 'spool' });
    }
    await this.reserve(buf.length);
    const task = this.chain.then(() => this.append(buf, events.length));
    this.chain = task.catch(() => undefined);
    try {
      await task;
    } finally {
      this.reserved -= buf.length;
    }
  }

  /** Resolves true once everything spooled so far has been acknowledged, false after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.unacked + this.reserved > 0) {
      const left = deadline - Date.now();
      if (left <= 0 || this.stopping) return false;
      await this.space.wait(left);
    }
    return true;
  }

  /**
   * Stops accepting writes, finishes the ones in progress, stops shipping (an in-flight POST is aborted and will be
   * re-sent after the next start), closes the sender and releases the lock. Spooled data stays on disk.
   */
  async close(): Promise<void> {
    if (this.closing) return this.shipping;
    this.closing = true;
    this.space.notify();
    await this.chain;
    this.stopping = true;
    this.sleeper.wake();
    this.work.notify();
    await this.opts.sender.close();
    await this.shipping;
    await this.active?.fh.close().catch(() => undefined);
    this.active = undefined;
    releaseLock(this.dir);
  }

  private async reserve(bytes: number): Promise<void> {
    const deadline = Date.now() + (this.opts.writeTimeoutMs ?? 30_000);
    while (this.unacked + this.reserved + bytes > this.maxBytes) {
      if (this.closing) throw new DelveError('DLV_COLLECTOR_CLOSED', 'The spool is closing; the batch was not accepted.');
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DelveError('DLV_SPOOL_FULL', `The spool ${this.dir} is full (${this.unacked} bytes waiting for the remote Delve) ` +
          'and did not drain in time; check that the remote is reachable, or raise the spool size.', { field: 'spool' });
      }
      await this.space.wait(left);
    }
    this.reserved += bytes;
  }

  private async append(buf: Buffer, events: number): Promise<void> {
    if (this.active === undefined || this.active.seg.size >= this.segmentBytes) await this.rotate();
    const { seg, fh } = this.active!;
    try {
      await fh.write(buf, 0, buf.length, seg.size);
      await fh.datasync();
    } catch (e) {
      // Leave no partial record behind (readers stop at seg.size anyway); continue in a fresh segment.
      await fh.truncate(seg.size).catch(() => undefined);
      await fh.close().catch(() => undefined);
      this.active = undefined;
      throw spoolIo(`Cannot write to the spool segment ${seg.path}`, e);
    }
    seg.size += buf.length;
    this.unacked += buf.length;
    this.c.spooled += events;
    this.work.notify();
  }

  private async rotate(): Promise<void> {
    if (this.active) {
      await this.active.fh.close().catch(() => undefined);
      this.active = undefined;
    }
    const seq = this.nextSeq++;
    const seg: Segment = { seq, path: segmentPath(this.dir, seq), size: 0 };
    try {
      const fh = await open(seg.path, 'w', 0o600);
      await syncDir(this.dir);
      this.segments.push(seg);
      this.active = { seg, fh };
    } catch (e) {
      throw spoolIo(`Cannot create the spool segment ${seg.path}`, e);
    }
  }

  /** The shipping loop: oldest unacknowledged record first. I/O errors are logged and retried with back-off. */
  private async ship(): Promise<void> {
    for (let failures = 0; !this.stopping;) {
      try {
        await this.shipOnce();
        failures = 0;
      } catch (e) {
        failures++;
        this.opts.logger.error({ err: e, dir: this.dir }, 'Cannot read the spool; retrying');
        await this.sleeper.wait(backoffDelay(failures, this.opts.retry));
      }
    }
  }

  private async shipOnce(): Promise<void> {
    const head = this.segments[0];
    if (head === undefined || (this.cursor.offset >= head.size && head === this.active?.seg)) {
      await this.work.wait(60_000);
      return;
    }
    if (this.cursor.seq !== head.seq) this.cursor = { seq: head.seq, offset: 0 };
    if (this.cursor.offset >= head.size) return this.dropHead(head);
    const { records, corrupt } = await readRecords(head.path, this.cursor.offset, head.size);
    if (corrupt > 0) {
      this.c.corrupt += corrupt;
      this.opts.logger.error({ segment: head.path, records: corrupt }, 'Skipped unreadable spool records (disk corruption?)');
    }
    for (const group of groupRecords(records, this.opts.maxPostEvents ?? 5000, this.opts.maxPostBytes ?? 4 * 1024 * 1024)) {
      if (!(await this.deliver(group.flatMap((r) => r.events)))) return;
      this.cursor = { seq: head.seq, offset: group.at(-1)!.end };
      this.unacked -= group.reduce((n, r) => n + r.bytes, 0);
      this.space.notify();
      await writeCursor(this.dir, this.cursor).catch((e: unknown) => {
        this.opts.logger.warn({ err: e, dir: this.dir }, 'Cannot save the spool cursor; acknowledged batches may be sent again after a restart');
      });
    }
  }

  /** Delivers one POST's worth of events; false when stopped before it was acknowledged. */
  private async deliver(events: IngestEvent[]): Promise<boolean> {
    for (let attempt = 1; !this.stopping; attempt++) {
      const r = events.length === 0 ? { kind: 'ok' as const, status: 0 } : await this.opts.sender.send(events);
      if (r.kind === 'ok') {
        this.c.forwarded += events.length;
        return true;
      }
      if (r.kind === 'rejected') {
        try {
          await appendRejected(join(this.dir, 'rejected.ndjson'), events);
          this.c.rejected += events.length;
          this.opts.logger.error({ status: r.status, reason: r.reason, events: events.length, file: join(this.dir, 'rejected.ndjson') },
            'The remote Delve rejected a batch permanently; it was set aside in the rejected file');
          return true;
        } catch (e) {
          this.opts.logger.error({ err: e }, 'Cannot set aside a rejected batch; it will be retried');
        }
      } else if (!this.stopping) {
        this.c.retried++;
        this.opts.logger.warn({ status: r.status, attempt, reason: r.reason, spoolBytes: this.unacked }, 'Forwarding failed; retrying');
      }
      if (this.stopping) break;
      const delay = r.kind === 'retry' && r.retryAfterMs !== undefined ? r.retryAfterMs : backoffDelay(attempt, this.opts.retry);
      await this.sleeper.wait(delay);
    }
    return false;
  }

  private async dropHead(head: Segment): Promise<void> {
    this.segments.shift();
    this.cursor = { seq: this.segments[0]?.seq ?? head.seq + 1, offset: 0 };
    await writeCursor(this.dir, this.cursor).catch(() => undefined);
    await unlink(head.path).catch((e: unknown) => {
      this.opts.logger.warn({ err: e, segment: head.path }, 'Cannot delete an acknowledged spool segment');
    });
  }
}

function groupRecords(records: SpoolRecord[], maxEvents: number, maxBytes: number): SpoolRecord[][] {
  const groups: SpoolRecord[][] = [];
  let cur: SpoolRecord[] = [];
  let events = 0;
  let bytes = 0;
  for (const r of records) {
    if (cur.length > 0 && (events + r.events.length > maxEvents || bytes + r.bytes > maxBytes)) {
      groups.push(cur);
      cur = [];
      events = 0;
      bytes = 0;
    }
    cur.push(r);
    events += r.events.length;
    bytes += r.bytes;
  }
  if (cur.length > 0) groups.push(cur);
  return groups;
}
