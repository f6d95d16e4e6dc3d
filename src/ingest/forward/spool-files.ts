/**
 * On-disk layout of a forwarding spool directory (0700):
 *   seg-000000000001.ndjson   append-only segments (0600); one line per batch: a JSON array of events
 *   cursor.json               {"seq", "offset"}: everything before `offset` in segment `seq` has been acknowledged
 *   rejected.ndjson           events the remote refused permanently, one per line
 *   lock                      pid of the process using the spool
 */
import { closeSync, ftruncateSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync,
  writeFileSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DelveError } from '../../errors.js';
import type { IngestEvent } from '../sink.js';

export interface Segment {
  seq: number;
  path: string;
  /** Bytes holding complete, synced records. */
  size: number;
}

export interface Cursor {
  seq: number;
  offset: number;
}

/** One batch record read back from a segment. */
export interface SpoolRecord {
  events: IngestEvent[];
  /** Offset just after this record's newline. */
  end: number;
  bytes: number;
}

const SEGMENT_RE = /^seg-(\d{12})\.ndjson$/;
/** Largest slice read from a segment at once (a record bigger than this is read whole). */
const READ_SLICE = 16 * 1024 * 1024;

export function segmentPath(dir: string, seq: number): string {
  return join(dir, `seg-${String(seq).padStart(12, '0')}.ndjson`);
}

/**
 * Lists the segments in order. A segment whose last record was cut short (a crash in the middle of a write, which
 * was therefore never acknowledged to the caller) is truncated after its last complete line.
 */
export function loadSegments(dir: string): { segments: Segment[]; repaired: number } {
  const seqs = readdirSync(dir).map((n) => SEGMENT_RE.exec(n)?.[1]).filter((s): s is string => s !== undefined)
    .map(Number).sort((a, b) => a - b);
  let repaired = 0;
  const segments = seqs.map((seq) => {
    const path = segmentPath(dir, seq);
    const { size, cut } = repairTail(path);
    if (cut) repaired++;
    return { seq, path, size };
  });
  return { segments, repaired };
}

function repairTail(path: string): { size: number; cut: boolean } {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { size, cut: false };
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return { size, cut: false };
    const all = Buffer.alloc(size);
    readSync(fd, all, 0, size, 0);
    const keep = all.lastIndexOf(0x0a) + 1;
    ftruncateSync(fd, keep);
    return { size: keep, cut: true };
  } finally {
    closeSync(fd);
  }
}

export function readCursor(dir: string): Cursor | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dir, 'cursor.json'), 'utf8')) as Partial<Cursor>;
    if (Number.isSafeInteger(v.seq) && Number.isSafeInteger(v.offset) && v.offset! >= 0) return { seq: v.seq!, offset: v.offset! };
  } catch {
    // missing or unreadable: start from the oldest segment (at-least-once)
  }
  return undefined;
}

/** Replaces cursor.json atomically (write + rename). Not fsynced: a lost update only re-sends acknowledged batches. */
export async function writeCursor(dir: string, c: Cursor): Promise<void> {
  const tmp = join(dir, 'cursor.json.tmp');
  await writeFile(tmp, JSON.stringify(c), { mode: 0o600 });
  await rename(tmp, join(dir, 'cursor.json'));
}

/** Makes a new directory entry durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Reads complete records of `path` between byte offsets `from` and `to`. Lines that are not a JSON array are
 * returned in `corrupt` (with their offsets) and skipped.
 */
export async function readRecords(path: string, from: number, to: number): Promise<{ records: SpoolRecord[]; corrupt: number }> {
  const fh = await open(path, 'r');
  try {
    let len = Math.min(to - from, READ_SLICE);
    let buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, from);
    if (buf.lastIndexOf(0x0a) < 0 && len < to - from) {
      len = to - from;
      buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, from);
    }
    const records: SpoolRecord[] = [];
    let corrupt = 0;
    let start = 0;
    for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      const events = parseRecord(buf.toString('utf8', start, nl));
      const end = from + nl + 1;
      if (events === undefined) corrupt++;
      records.push({ events: events ?? [], end, bytes: nl + 1 - start });
      start = nl + 1;
    }
    return { records, corrupt };
  } finally {
    await fh.close();
  }
}

function parseRecord(line: string): IngestEvent[] | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return Array.isArray(v) ? (v as IngestEvent[]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the spool's lock file. A lock held by a live process (this one included) is refused with DLV_SPOOL_IO:
 * two forwarders shipping one spool would send everything twice and corrupt the cursor. A stale lock is taken over.
 */
export function acquireLock(dir: string): void {
  const path = join(dir, 'lock');
  for (let i = 0; i < 2; i++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw spoolIo(`Cannot create ${path}`, e);
    }
    const pid = Number(readFileSafe(path));
    if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new DelveError('DLV_SPOOL_IO', `The spool ${dir} is in use by process ${pid}; stop it, or delete ${path} if that process is not a Delve forwarder.`, { field: 'spool' });
    }
    const stale = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, stale);
      rmSync(stale, { force: true });
    } catch {
      // another process took it over first: loop and let `wx` decide
    }
  }
  throw new DelveError('DLV_SPOOL_IO', `Cannot take the lock of the spool ${dir}.`, { field: 'spool' });
}

export function releaseLock(dir: string): void {
  const path = join(dir, 'lock');
  if (readFileSafe(path) === String(process.pid)) rmSync(path, { force: true });
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function spoolIo(what: string, e: unknown): DelveError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return new DelveError('DLV_SPOOL_IO', `${what} (${code}); check the spool directory's permissions and free space.`,
    { field: 'spool', cause: e });
}
