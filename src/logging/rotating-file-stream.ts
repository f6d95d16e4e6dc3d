import { chmodSync, closeSync, fstatSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DelveError } from '../errors.js';
import { ensurePrivateDir } from '../util/private-fs.js';

/** Options of {@link RotatingFileStream}. */
export interface RotatingFileOptions {
  /** Directory of the log files; created mode 0700 (and tightened to 0700) if needed. */
  dir: string;
  /** File base name: the active file is `<baseName>.log`. Letters, digits, `.`, `_`, `-` only. */
  baseName: string;
  /** Rotate before a write would make the active file larger than this (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the active one; older ones are deleted (default 14). */
  maxFiles?: number;
  /** Clock, injectable for tests (default `new Date()`). */
  now?: () => Date;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_FILES = 14;

/** UTC calendar day `YYYY-MM-DD` of `d`: log files roll over at midnight UTC, like the JSON timestamps. */
function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A synchronous, size- and day-rotating log file (a pino destination: any object with `write(string)`).
 *
 * Writes go straight to the file with `writeSync`, so nothing is lost if the process dies right after logging
 * and {@link close} has nothing to flush. The active file is `<dir>/<baseName>.log` (mode 0600). Before a write
 * that would push it past `maxBytes`, or the first write on a new UTC day, it is renamed to
 * `<baseName>.<YYYY-MM-DD>.<n>.log` (the day its lines were written; `n` counts rotations of that day from 1)
 * and a fresh file is started; then only the newest `maxFiles` rotated files are kept. A single line longer
 * than `maxBytes` is written whole into a file of its own. Write errors (disk full...) never throw: the line is
 * dropped, counted in {@link droppedLines}, and the first error is reported once on stderr.
 */
export class RotatingFileStream {
  readonly dir: string;
  readonly baseName: string;
  readonly maxBytes: number;
  readonly maxFiles: number;
  /** Lines that could not be written (I/O errors). */
  droppedLines = 0;
  private readonly now: () => Date;
  private readonly rotatedPattern: RegExp;
  private fd: number | null = null;
  private size = 0;
  private day = '';
  private reportedError = false;
  private closed = false;

  constructor(opts: RotatingFileOptions) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(opts.baseName) || opts.baseName.includes('..')) {
      throw new DelveError('DLV_CONFIG_INVALID', `Log name "${opts.baseName}" is invalid: use letters, digits, ".", "_" and "-" only.`);
    }
    this.dir = opts.dir;
    this.baseName = opts.baseName;
    this.maxBytes = Math.max(1, Math.floor(opts.maxBytes ?? DEFAULT_MAX_BYTES));
    this.maxFiles = Math.max(0, Math.floor(opts.maxFiles ?? DEFAULT_MAX_FILES));
    this.now = opts.now ?? (() => new Date());
    this.rotatedPattern = new RegExp(`^${escapeRegExp(this.baseName)}\\.(\\d{4}-\\d{2}-\\d{2})\\.(\\d+)\\.log$`);
    try {
      ensurePrivateDir(this.dir);
      this.open();
    } catch (err) {
      if (err instanceof DelveError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new DelveError('DLV_CONFIG_INVALID', `Cannot open the log file ${this.path} (${code}): make DELVE_LOG_DIR a directory the server user can write.`, { field: 'DELVE_LOG_DIR', cause: err });
    }
  }

  /** Path of the active log file. */
  get path(): string {
    return join(this.dir, `${this.baseName}.log`);
  }

  /** Appends `chunk` (one or more complete lines), rotating first when needed. Returns false once closed. */
  write(chunk: string): boolean {
    if (this.closed) return false;
    const buf = Buffer.from(chunk, 'utf8');
    const today = utcDay(this.now());
    try {
      if (this.fd === null) this.open(); // a failed rotation left no file open: retry
      if (this.size > 0 && (today !== this.day || this.size + buf.length > this.maxBytes)) this.rotate();
      this.day = today;
      let off = 0;
      const fd = this.fd as number | null;
      if (fd === null) throw new Error('log file is not open');
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      this.size += buf.length;
    } catch (err) {
      this.droppedLines++;
      if (!this.reportedError) {
        this.reportedError = true;
        process.stderr.write(`delve: cannot write log file ${this.path}: ${(err as Error).message}\n`);
      }
    }
    return true;
  }

  /** Writes are synchronous, so there is nothing to flush; pino's `logger.flush(cb)` calls this. */
  flush(cb?: (err?: Error) => void): void {
    cb?.();
  }

  /** Closes the file; later writes are ignored. Safe to call twice. */
  close(): void {
    this.closed = true;
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  /** Active file first, then rotated files newest first (absolute paths). */
  files(): string[] {
    return [this.path, ...this.rotatedFiles().reverse().map((f) => join(this.dir, f.name))];
  }

  private open(): void {
    this.fd = openSync(this.path, 'a', 0o600);
    const st = fstatSync(this.fd);
    if ((st.mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    this.size = st.size;
    this.day = utcDay(st.size > 0 ? st.mtime : this.now());
  }

  /** Rotated files of this base name, oldest first. */
  private rotatedFiles(): { name: string; day: string; n: number }[] {
    const out: { name: string; day: string; n: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const m = this.rotatedPattern.exec(name);
      if (m?.[1] !== undefined && m[2] !== undefined) out.push({ name, day: m[1], n: Number(m[2]) });
    }
    return out.sort((a, b) => (a.day === b.day ? a.n - b.n : a.day < b.day ? -1 : 1));
  }

  private rotate(): void {
    const existing = this.rotatedFiles();
    const n = 1 + existing.filter((f) => f.day === this.day).reduce((max, f) => Math.max(max, f.n), 0);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    try {
      renameSync(this.path, join(this.dir, `${this.baseName}.${this.day}.${n}.log`));
    } finally {
      this.open();
    }
    const rotated = this.rotatedFiles();
    for (const old of rotated.slice(0, Math.max(0, rotated.length - this.maxFiles))) {
      try {
        unlinkSync(join(this.dir, old.name));
      } catch {
        // Already gone (another process pruned it): nothing to do.
      }
    }
  }
}
