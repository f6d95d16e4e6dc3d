/**
 * tail-files: follows the files matching glob patterns and delivers their lines to an EventSink, at least once and
 * without gaps. See startTail.
 */
import { readlink, realpath, stat } from 'node:fs/promises';
import { DelveError } from '../../errors.js';
import { createProgress, type Progress } from '../../util/progress.js';
import type { IngestEvent } from '../sink.js';
import { loadCheckpoint, saveCheckpoint, type CheckpointEntry } from './checkpoint.js';
import { DeliveryQueue } from './delivery.js';
import { extendFingerprint, findEntry, fingerprintOf, openFileState, restartFile, sameContent, startAt, FINGERPRINT_BYTES, type FileState } from './file-state.js';
import { expandGlobs, validatePattern } from './glob.js';
import type { LineOut } from './lines.js';
import type { TailCounters, TailHandle, TailOptions } from './types.js';

const READ_CHUNK = 64 * 1024;

function positiveInt(name: string, v: number | undefined, dflt: number, min = 1): number {
  const x = v ?? dflt;
  if (!Number.isSafeInteger(x) || x < min) throw new DelveError('DLV_TAIL_OPTION', `${name} must be an integer ≥ ${min} (got ${String(v)}).`, { field: name });
  return x;
}

class Tailer implements TailHandle {
  private readonly files = new Map<string, FileState>();
  /** Checkpoint entries of files not open right now (from the last run, or closed after rotation), by path. */
  private readonly dormant = new Map<string, CheckpointEntry>();
  private readonly queue: DeliveryQueue;
  private readonly c = { filesOpened: 0, filesClosed: 0, rotations: 0, truncations: 0, bytesRead: 0, linesRead: 0, partialFlushes: 0, linesSplit: 0, linesTruncated: 0, checkpointWrites: 0 };
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private lastRescan = 0;
  private rescanRequested = false;
  private dirty = false;
  private seenCommits = 0;
  private progress: Progress | undefined;
  private catchUpTotal = 0;
  private readonly pollMs: number;
  private readonly rescanMs: number;
  private readonly maxLineBytes: number;
  private readonly partialFlushMs: number;
  private readonly highWater: number;

  constructor(private readonly o: TailOptions) {
    if (!Array.isArray(o.patterns) || o.patterns.length === 0) throw new DelveError('DLV_TAIL_OPTION', 'Give at least one file pattern to follow.', { field: 'patterns' });
    for (const p of o.patterns) validatePattern(p);
    this.pollMs = positiveInt('pollMs', o.pollMs, 250, 5);
    this.rescanMs = positiveInt('rescanMs', o.rescanMs, 2000, 5);
    this.maxLineBytes = positiveInt('maxLineBytes', o.maxLineBytes, 1024 * 1024, 16);
    this.partialFlushMs = positiveInt('partialFlushMs', o.partialFlushMs, 5000, 0);
    const maxEvents = positiveInt('batch.maxEvents', o.batch?.maxEvents, 1000);
    this.highWater = maxEvents * 4;
    this.queue = new DeliveryQueue(o.sink, maxEvents, positiveInt('batch.maxDelayMs', o.batch?.maxDelayMs, 200, 0));
    if (o.longLines !== undefined && o.longLines !== 'split' && o.longLines !== 'truncate') {
      throw new DelveError('DLV_TAIL_OPTION', 'longLines must be "split" or "truncate".', { field: 'longLines' });
    }
  }

  async start(): Promise<void> {
    const cp = await loadCheckpoint(this.o.checkpointPath);
    for (const [p, e] of Object.entries(cp.files)) this.dormant.set(p, e);
    await this.rescan(true);
    this.lastRescan = Date.now();
    if (this.catchUpTotal > 0 && this.o.progress?.isTTY) {
      this.progress = createProgress({ stream: this.o.progress, total: this.catchUpTotal, unit: 'bytes', label: 'tail-files: catching up' });
    }
    this.schedule();
  }

  counters(): TailCounters {
    return { ...this.c, ...this.queue.stats, filesTracked: this.files.size, eventsPending: this.queue.pendingEvents };
  }

  flush(): Promise<void> {
    return this.exclusive(async () => {
      if (this.closed) return;
      const r = await this.cycle(true);
      if (!r.ok) throw r.error;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    await this.exclusive(async () => {
      const deadline = Date.now() + (this.o.closeTimeoutMs ?? 10_000);
      for (;;) {
        const r = await this.queue.deliver(Date.now(), true);
        if (r.ok || Date.now() >= deadline) break;
        await new Promise((res) => setTimeout(res, Math.max(0, Math.min(this.queue.nextRetryAt, deadline) - Date.now())));
      }
      await this.writeCheckpoint();
      for (const f of this.files.values()) await f.fh.close().catch(() => undefined);
      this.files.clear();
      this.progress?.finish({ clear: true });
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.exclusive(() => this.cycle(false))
        .catch((e: unknown) => this.o.logger?.warn({ err: e }, 'tail-files: cycle failed'))
        .finally(() => this.schedule());
    }, this.pollMs);
  }

  /** One round: rescan when due, read all files, deliver, close drained rotated files, checkpoint. */
  private async cycle(force: boolean): Promise<{ ok: true } | { ok: false; error: unknown }> {
    if (this.closed && !force) return { ok: true };
    const now = Date.now();
    if (force || this.rescanRequested || now - this.lastRescan >= this.rescanMs) {
      this.rescanRequested = false;
      this.lastRescan = now;
      await this.rescan(false);
    }
    let result: { ok: true } | { ok: false; error: unknown } = { ok: true };
    for (;;) {
      let more = false;
      for (const f of [...this.files.values()]) more = (await this.pollFile(f, Date.now())) || more;
      if (this.rescanRequested) {
        this.rescanRequested = false;
        await this.rescan(false);
      }
      result = await this.queue.deliver(Date.now(), force || more);
      if (!result.ok || !more) break;
    }
    if (this.queue.commits !== this.seenCommits) {
      this.seenCommits = this.queue.commits;
      this.dirty = true;
    }
    await this.closeDrainedRotated(Date.now());
    if (this.progress) {
      this.progress.update(Math.min(this.c.bytesRead, this.catchUpTotal));
      if (this.c.bytesRead >= this.catchUpTotal) {
        this.progress.finish();
        this.progress = undefined;
      }
    }
    if (this.dirty) await this.writeCheckpoint();
    return result;
  }

  /** Expands the patterns and opens files not tracked yet; notices tracked files that moved to a matching name. */
  private async rescan(startup: boolean): Promise<void> {
    let paths: string[];
    try {
      paths = await expandGlobs(this.o.patterns, this.o.cwd);
    } catch (e) {
      this.o.logger?.warn({ err: e }, 'tail-files: pattern expansion failed');
      return;
    }
    for (const p of paths) {
      const real = await realpath(p).catch(() => undefined);
      const st = real === undefined ? undefined : await stat(real).catch(() => undefined);
      if (!real || !st?.isFile()) continue;
      const known = this.files.get(`${st.dev}:${st.ino}`);
      if (known) {
        if (known.path !== real && (known.rotated || !(await this.stillAt(known)))) {
          known.path = real;
          known.rotated = false;
          this.dirty = true;
        }
        continue;
      }
      await this.openNew(real, startup);
    }
    await this.pruneDormant();
  }

  private async stillAt(f: FileState): Promise<boolean> {
    const st = await stat(f.path).catch(() => undefined);
    return st !== undefined && st.ino === f.ino && st.dev === f.dev;
  }

  private async openNew(path: string, startup: boolean): Promise<void> {
    const opened = await openFileState(path, this.maxLineBytes, this.o.longLines ?? 'split', Date.now());
    if (!opened) return;
    const { state: f, size } = opened;
    if (this.files.has(f.id)) {
      await f.fh.close();
      return;
    }
    let offset = 0;
    const found = findEntry(this.dormant, path, f.dev, f.ino);
    if (found) {
      const [key, entry] = found;
      this.dormant.delete(key);
      if (entry.offset <= size && (await sameContent(f.fh, size, entry))) offset = entry.offset;
      else this.o.logger?.info({ path }, 'tail-files: file was truncated or replaced since the checkpoint; reading it from the start');
    } else if (startup && this.o.readFromStart === false) {
      offset = size;
    }
    startAt(f, offset);
    this.files.set(f.id, f);
    this.c.filesOpened++;
    this.dirty = true;
    if (startup) this.catchUpTotal += size - offset;
    this.o.logger?.info({ path, offset }, 'tail-files: following file');
  }

  /** Drops checkpoint entries whose path is gone or now holds another file. */
  private async pruneDormant(): Promise<void> {
    for (const [p, e] of [...this.dormant]) {
      const st = await stat(p).catch(() => undefined);
      if (!st || (e.ino !== undefined && st.ino !== e.ino)) {
        this.dormant.delete(p);
        this.dirty = true;
      }
    }
  }

  /** Checks one file for rotation/truncation and reads what is available. Returns true if it stopped early. */
  private async pollFile(f: FileState, now: number): Promise<boolean> {
    if (!f.rotated && !(await this.stillAt(f))) {
      f.rotated = true;
      this.c.rotations++;
      this.rescanRequested = true;
      const moved = await readlink(`/proc/self/fd/${f.fh.fd}`).catch(() => undefined);
      if (moved && moved.startsWith('/') && !moved.endsWith(' (deleted)')) f.path = moved;
      this.o.logger?.info({ path: f.source }, 'tail-files: file was rotated; reading the old file to its end');
    }
    const size = (await f.fh.stat()).size;
    if (size < f.splitter.offset || (size !== f.lastSize && !(await sameContent(f.fh, size, f)))) {
      restartFile(f);
      f.fingerprintLength = Math.min(size, FINGERPRINT_BYTES);
      f.fingerprint = await fingerprintOf(f.fh, f.fingerprintLength);
      this.c.truncations++;
      this.dirty = true;
      this.o.logger?.info({ path: f.source }, 'tail-files: file was truncated; reading it from the start');
    }
    await extendFingerprint(f, size);
    f.lastSize = size;
    while (f.splitter.offset < size) {
      if (this.queue.length >= this.highWater) return true;
      const want = Math.min(READ_CHUNK, size - f.splitter.offset);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await f.fh.read(buf, 0, want, f.splitter.offset);
      if (bytesRead === 0) break;
      this.c.bytesRead += bytesRead;
      f.lastActivity = now;
      for (const item of f.splitter.push(buf.subarray(0, bytesRead))) this.enqueue(f, item, now);
    }
    this.checkPartial(f, now);
    return false;
  }

  private checkPartial(f: FileState, now: number): void {
    const pending = f.splitter.pendingBytes;
    if (pending === 0) {
      f.partialSince = undefined;
      f.partialBytes = 0;
    } else if (pending !== f.partialBytes || f.partialSince === undefined) {
      f.partialSince = now;
      f.partialBytes = pending;
    } else if (now - f.partialSince >= this.partialFlushMs) {
      const item = f.splitter.flushPartial();
      if (item) this.enqueue(f, item, now);
      this.c.partialFlushes++;
      f.partialSince = undefined;
      f.partialBytes = 0;
    }
  }

  private enqueue(f: FileState, item: LineOut, now: number): void {
    const q = { file: f, generation: f.generation, endOffset: item.endOffset, at: now };
    if (item.text === undefined) {
      this.queue.push(q);
      return;
    }
    this.c.linesRead++;
    const event: IngestEvent = { index: this.o.defaults.index, host: this.o.defaults.host, source: f.source, sourcetype: this.o.defaults.sourcetype, text: item.text };
    const marks: Record<string, unknown> = {};
    if (item.split !== undefined) {
      marks._split = item.split;
      if (item.split === 1) this.c.linesSplit++;
    }
    if (item.truncated) {
      marks._truncated = true;
      this.c.linesTruncated++;
    }
    if (item.partial) marks._partial = true;
    if (item.continuation) marks._continuation = true;
    if (Object.keys(marks).length > 0) event.extracted_fields = marks;
    this.queue.push({ ...q, event });
  }

  /** Closes rotated files read to their end, idle for a rescan interval and fully delivered. */
  private async closeDrainedRotated(now: number): Promise<void> {
    for (const f of [...this.files.values()]) {
      if (!f.rotated || f.splitter.offset < f.lastSize || f.splitter.pendingBytes > 0) continue;
      if (now - f.lastActivity < this.rescanMs || this.queue.holds(f)) continue;
      await f.fh.close().catch(() => undefined);
      this.files.delete(f.id);
      this.c.filesClosed++;
      if (![...this.files.values()].some((g) => g.path === f.path)) this.dormant.set(f.path, this.entryOf(f));
      this.dirty = true;
    }
  }

  private entryOf(f: FileState): CheckpointEntry {
    return { dev: f.dev, ino: f.ino, fingerprint: f.fingerprint, fingerprintLength: f.fingerprintLength, offset: f.committedOffset };
  }

  private async writeCheckpoint(): Promise<void> {
    const files: Record<string, CheckpointEntry> = {};
    for (const [p, e] of this.dormant) files[p] = e;
    const active = [...this.files.values()];
    // Files still at their path win over rotated ones that were last seen there.
    for (const f of active) if (f.rotated) files[f.path] = this.entryOf(f);
    for (const f of active) if (!f.rotated) files[f.path] = this.entryOf(f);
    await saveCheckpoint(this.o.checkpointPath, { version: 1, files });
    this.c.checkpointWrites++;
    this.dirty = false;
  }
}

/**
 * Starts following the files matching `patterns` (see TailOptions). Files are identified by (dev, ino) plus a
 * SHA-256 fingerprint of their first 1 KiB, so a restart resumes each file at its delivered offset, a rotated file
 * found under a new name keeps its offset, and a truncated or replaced file is read again from 0. Rotation by rename
 * is handled by reading the old file (still open) to its end while the new file at the path is read from 0.
 * Throws DLV_TAIL_OPTION / DLV_TAIL_PATTERN for bad options and DLV_TAIL_CHECKPOINT for a corrupt checkpoint.
 */
export async function startTail(options: TailOptions): Promise<TailHandle> {
  const t = new Tailer(options);
  await t.start();
  return t;
}
