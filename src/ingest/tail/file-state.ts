/**
 * Per-file state of the tailer: an open file handle (so a renamed or deleted file can still be read to its end),
 * its identity ((dev, ino) + a SHA-256 fingerprint of its first bytes), the read offset, the delivered offset and the
 * line splitter. A file's identity is checked against the checkpoint when it is opened.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { CheckpointEntry } from './checkpoint.js';
import { LineSplitter, type LongLineMode } from './lines.js';

/** Bytes covered by the fingerprint once a file is at least this long. */
export const FINGERPRINT_BYTES = 1024;

export interface FileState {
  /** `${dev}:${ino}`: unique while the file is open (the inode cannot be reused while we hold it). */
  id: string;
  /** Where the file is now (checkpoint key); updated when a rotated file is found under a new name. */
  path: string;
  /** The event `source`: the absolute real path the file had when it was opened. */
  source: string;
  fh: FileHandle;
  dev: number;
  ino: number;
  fingerprint: string;
  fingerprintLength: number;
  /** Bumped on truncation: queued lines of an older generation no longer move the delivered offset. */
  generation: number;
  /** Offset up to which every event was delivered (what the checkpoint records). */
  committedOffset: number;
  splitter: LineSplitter;
  lastSize: number;
  /** When the splitter first held a partial line that has not grown since (for the flush timeout). */
  partialSince: number | undefined;
  partialBytes: number;
  /** The path now names another file (or nothing): read this one to its end, then close it. */
  rotated: boolean;
  lastActivity: number;
}

/** SHA-256 (hex) of the first `length` bytes of the file. */
export async function fingerprintOf(fh: FileHandle, length: number): Promise<string> {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return createHash('sha256').update(buf.subarray(0, got)).digest('hex');
}

/** Does the file still start with the bytes `entry` fingerprinted? */
export async function sameContent(fh: FileHandle, size: number, fp: { fingerprint: string; fingerprintLength: number }): Promise<boolean> {
  if (size < fp.fingerprintLength) return false;
  return (await fingerprintOf(fh, fp.fingerprintLength)) === fp.fingerprint;
}

/** Extends the fingerprint while the file is shorter than FINGERPRINT_BYTES (call after verifying it). */
export async function extendFingerprint(f: FileState, size: number): Promise<void> {
  const want = Math.min(size, FINGERPRINT_BYTES);
  if (want > f.fingerprintLength) {
    f.fingerprint = await fingerprintOf(f.fh, want);
    f.fingerprintLength = want;
  }
}

export interface OpenedFile {
  state: FileState;
  size: number;
}

/**
 * Opens `path` and builds its state starting at offset 0 (the caller then applies a checkpoint entry via
 * `resumeFrom`). Returns undefined when the path is gone or is not a regular file.
 */
export async function openFileState(path: string, maxLineBytes: number, longLines: LongLineMode, now: number): Promise<OpenedFile | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return undefined;
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    return undefined;
  }
  const fingerprintLength = Math.min(st.size, FINGERPRINT_BYTES);
  const state: FileState = {
    id: `${st.dev}:${st.ino}`,
    path,
    source: path,
    fh,
    dev: st.dev,
    ino: st.ino,
    fingerprint: await fingerprintOf(fh, fingerprintLength),
    fingerprintLength,
    generation: 0,
    committedOffset: 0,
    splitter: new LineSplitter(maxLineBytes, longLines, 0),
    lastSize: st.size,
    partialSince: undefined,
    partialBytes: 0,
    rotated: false,
    lastActivity: now,
  };
  return { state, size: st.size };
}

/** Positions a freshly opened file at `offset` (already validated against its content). */
export function startAt(f: FileState, offset: number): void {
  f.splitter.reset(offset);
  f.committedOffset = offset;
}

/** Restarts a file from 0 after truncation or a rewrite in place. */
export function restartFile(f: FileState): void {
  f.generation++;
  f.splitter.reset(0);
  f.committedOffset = 0;
  f.partialSince = undefined;
  f.partialBytes = 0;
}

/** Finds the checkpoint entry for a file: same path with the same inode, or the same (dev, ino) under another name. */
export function findEntry(entries: Map<string, CheckpointEntry>, path: string, dev: number, ino: number): [string, CheckpointEntry] | undefined {
  const here = entries.get(path);
  if (here && (here.ino === undefined || (here.ino === ino && (here.dev === dev || here.dev === undefined)))) return [path, here];
  for (const [p, e] of entries) if (e.ino === ino && e.dev === dev) return [p, e];
  // Same path and inode but a different device number (some file systems renumber devices across reboots).
  if (here && here.ino === ino) return [path, here];
  return undefined;
}
