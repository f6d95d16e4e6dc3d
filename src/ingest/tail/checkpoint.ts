/**
 * The tail-files checkpoint: `{version: 1, files: {[absolute real path]: {dev, ino, fingerprint, fingerprintLength,
 * offset}}}`. `offset` is the byte offset up to which every event has been delivered (the sink resolved). The file is
 * replaced atomically (temp file 0600 + fsync + rename + directory fsync), so a reader never sees half a document
 * and a crash leaves either the old or the new checkpoint.
 *
 * The original product's format (`{"<abs path>": {"current_position": n, "hash": sha256 of the first 256 bytes}}`)
 * is read too: such entries carry no inode and are matched by path and fingerprint only.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DelveError } from '../../errors.js';

export interface CheckpointEntry {
  /** Absent for entries imported from the original product's checkpoint. */
  dev?: number;
  ino?: number;
  fingerprint: string;
  fingerprintLength: number;
  offset: number;
}

export interface CheckpointFile {
  version: 1;
  files: Record<string, CheckpointEntry>;
}

function bad(path: string, why: string, fix = 'fix it or move it away (files are then read again from the start)'): DelveError {
  return new DelveError('DLV_TAIL_CHECKPOINT', `The checkpoint ${path} ${why}; ${fix}.`, { field: 'checkpoint' });
}

const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

function parseEntry(path: string, key: string, v: unknown): CheckpointEntry {
  if (typeof v !== 'object' || v === null) throw bad(path, `has a bad entry for ${key}`);
  const o = v as Record<string, unknown>;
  if ('current_position' in o) {
    if (!isNonNegInt(o.current_position) || typeof o.hash !== 'string') throw bad(path, `has a bad entry for ${key}`);
    return { fingerprint: o.hash, fingerprintLength: 256, offset: o.current_position };
  }
  const { dev, ino, fingerprint, fingerprintLength, offset } = o;
  if (!isNonNegInt(dev) || !isNonNegInt(ino) || typeof fingerprint !== 'string' || !isNonNegInt(fingerprintLength) || !isNonNegInt(offset)) {
    throw bad(path, `has a bad entry for ${key}`);
  }
  return { dev, ino, fingerprint, fingerprintLength, offset };
}

/** Reads a checkpoint; a missing file is an empty checkpoint. Throws DLV_TAIL_CHECKPOINT when it is corrupt. */
export async function loadCheckpoint(path: string): Promise<CheckpointFile> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: {} };
    throw bad(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw bad(path, 'is not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(path, 'is not a JSON object');
  const o = doc as Record<string, unknown>;
  const files: Record<string, CheckpointEntry> = {};
  if ('version' in o) {
    if (o.version !== 1) throw bad(path, `has unsupported version ${JSON.stringify(o.version)}`);
    if (typeof o.files !== 'object' || o.files === null) throw bad(path, 'has no "files" object');
    for (const [k, v] of Object.entries(o.files)) files[k] = parseEntry(path, k, v);
  } else {
    for (const [k, v] of Object.entries(o)) files[k] = parseEntry(path, k, v); // the original product's format
  }
  return { version: 1, files };
}

/** Writes `doc` to `path` atomically with mode 0600 (creating the directory 0700 if missing). */
export async function saveCheckpoint(path: string, doc: CheckpointFile): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(doc)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw bad(path, `cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'check that its directory exists, is writable and has free space');
  }
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Directory fsync is best effort (not supported on every file system).
  }
}
