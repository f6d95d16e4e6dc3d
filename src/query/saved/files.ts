import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { DelveError } from '../../errors.js';
import type { Store } from '../../storage/index.js';
import { ensurePrivateDir } from '../../util/private-fs.js';
import { iso, MAX_NAME, savedDb, type FileUploadsTable } from './tables.js';

/** A file upload as the API shows it (`content` is added by the route: the download URL). */
export interface FileRecord { id: string; created: string; modified: string; title: string; size: number; storedName: string }

const STORED_NAME = /^[0-9a-f]{32}$/;
const toRecord = (r: FileUploadsTable): FileRecord => ({ id: r.id, created: iso(r.created), modified: iso(r.modified), title: r.title, size: r.size, storedName: r.stored_name });

/** Validates a title. Titles are labels only: they never become paths, so `../x` is an ordinary title. */
export function validTitle(title: unknown): string {
  if (typeof title !== 'string' || title.trim() === '') throw new DelveError('DLV_SAVED_INVALID', 'title is required.', { field: 'title' });
  if (title.length > MAX_NAME) throw new DelveError('DLV_SAVED_INVALID', `title must be at most ${MAX_NAME} characters.`, { field: 'title' });
  if (title.includes('\0')) throw new DelveError('DLV_SAVED_INVALID', 'title must not contain NUL characters.', { field: 'title' });
  return title;
}

/** Absolute path of a stored file: `<mediaRoot>/<32 hex chars>` (a generated name, never user input). */
export function storedPath(mediaRoot: string, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new DelveError('DLV_INTERNAL', 'Corrupt stored file name.');
  return join(mediaRoot, storedName);
}

/**
 * Streams `content` into a new private file (0600, directory 0700) under `mediaRoot` with a random name,
 * refusing more than `maxBytes` (413 DLV_FILE_TOO_LARGE; the partial file is removed). Returns name and size.
 */
export async function writeStoredFile(mediaRoot: string, content: Readable, maxBytes: number): Promise<{ storedName: string; size: number }> {
  ensurePrivateDir(mediaRoot);
  const storedName = randomBytes(16).toString('hex');
  const path = storedPath(mediaRoot, storedName);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) cb(new DelveError('DLV_FILE_TOO_LARGE', `The file is larger than DELVE_MAX_UPLOAD_SIZE (${maxBytes} bytes).`, { field: 'content' }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(content, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await unlink(path).catch(() => undefined);
    throw e;
  }
  if ((content as Readable & { truncated?: boolean }).truncated) {
    await unlink(path).catch(() => undefined);
    throw new DelveError('DLV_FILE_TOO_LARGE', `The file is larger than DELVE_MAX_UPLOAD_SIZE (${maxBytes} bytes).`, { field: 'content' });
  }
  return { storedName, size };
}

const taken = (title: string) => new DelveError('DLV_SAVED_NAME_TAKEN', `You already have a file titled "${title}".`, { field: 'title' });
const isUnique = (e: unknown) => e instanceof Error && /UNIQUE constraint failed/.test(e.message);

/** Records a stored file for the caller; removes the stored file when the title is taken (per owner). */
export async function createFileRecord(store: Store, mediaRoot: string, userId: string, title: string, stored: { storedName: string; size: number }): Promise<FileRecord> {
  const now = Date.now();
  const row: FileUploadsTable = { id: randomUUID(), user_id: userId, title: validTitle(title), stored_name: stored.storedName, size: stored.size, created: now, modified: now };
  try {
    await savedDb(store).insertInto('file_uploads').values(row).execute();
  } catch (e) {
    await unlink(storedPath(mediaRoot, stored.storedName)).catch(() => undefined);
    if (isUnique(e)) throw taken(title);
    throw e;
  }
  return toRecord(row);
}

export async function getOwnFile(store: Store, userId: string, id: string): Promise<FileRecord | undefined> {
  const row = await savedDb(store).selectFrom('file_uploads').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The caller's file by title (owner-scoped; read_file). */
export async function findOwnFileByTitle(store: Store, userId: string, title: string): Promise<FileRecord | undefined> {
  const row = await savedDb(store).selectFrom('file_uploads').selectAll().where('user_id', '=', userId).where('title', '=', title).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listOwnFiles(store: Store, userId: string, page: { limit: number; offset: number }): Promise<{ count: number; results: FileRecord[] }> {
  const db = savedDb(store);
  const c = await db.selectFrom('file_uploads').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('file_uploads').selectAll().where('user_id', '=', userId).orderBy('title').limit(page.limit).offset(page.offset).execute();
  return { count: Number(c.n), results: rows.map(toRecord) };
}

/** Changes the title and/or replaces the content of the caller's file (the old stored file is removed). */
export async function updateFileRecord(store: Store, mediaRoot: string, userId: string, id: string, patch: { title?: string; stored?: { storedName: string; size: number } }): Promise<FileRecord | undefined> {
  const old = await getOwnFile(store, userId, id);
  const dropNew = async () => { if (patch.stored) await unlink(storedPath(mediaRoot, patch.stored.storedName)).catch(() => undefined); };
  if (!old) { await dropNew(); return undefined; }
  const set: Partial<FileUploadsTable> = { modified: Date.now() };
  if (patch.title !== undefined) set.title = validTitle(patch.title);
  if (patch.stored) { set.stored_name = patch.stored.storedName; set.size = patch.stored.size; }
  try {
    await savedDb(store).updateTable('file_uploads').set(set).where('id', '=', id).where('user_id', '=', userId).execute();
  } catch (e) {
    await dropNew();
    if (isUnique(e)) throw taken(set.title ?? old.title);
    throw e;
  }
  if (patch.stored) await unlink(storedPath(mediaRoot, old.storedName)).catch(() => undefined);
  return getOwnFile(store, userId, id);
}

/** Deletes the caller's file record and its stored content; false when not theirs. */
export async function deleteFileRecord(store: Store, mediaRoot: string, userId: string, id: string): Promise<boolean> {
  const old = await getOwnFile(store, userId, id);
  if (!old) return false;
  await savedDb(store).deleteFrom('file_uploads').where('id', '=', id).where('user_id', '=', userId).execute();
  await unlink(storedPath(mediaRoot, old.storedName)).catch(() => undefined);
  return true;
}

/** A read stream of a stored file (download). */
export function openStoredFile(mediaRoot: string, f: FileRecord): ReadStream {
  return createReadStream(storedPath(mediaRoot, f.storedName));
}

/** Reads a stored file fully, refusing files larger than `maxBytes` (read_file). */
export async function readStoredFile(mediaRoot: string, f: FileRecord, maxBytes: number): Promise<Buffer> {
  const path = storedPath(mediaRoot, f.storedName);
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new DelveError('DLV_SAVED_NOT_FOUND', `The content of file "${f.title}" is missing on disk; upload it again.`);
  if (st.size > maxBytes) throw new DelveError('DLV_FILE_PARSE', `File "${f.title}" is ${st.size} bytes; read_file reads at most ${maxBytes}.`);
  return readFile(path);
}

/** Removes a stored file that never got a record (failed upload); missing files are ignored. */
export async function removeStoredFile(mediaRoot: string, storedName: string): Promise<void> {
  await unlink(storedPath(mediaRoot, storedName)).catch(() => undefined);
}
