import Database from 'better-sqlite3-multiple-ciphers';
import { dirname } from 'node:path';
import { DelveError } from '../../errors.js';
import { ensurePrivateDir, ensurePrivateFile } from '../../util/private-fs.js';

export type SqliteDb = Database.Database;

export interface OpenOptions {
  path: string;
  /** DELVE_DATABASE_ENCRYPTION_KEY: encrypts the file at rest (SQLite3MultipleCiphers, default cipher ChaCha20-Poly1305). */
  encryptionKey?: string | null;
  readonly?: boolean;
}

/**
 * Opens the embedded database: file 0600 in a 0700 directory, optional at-rest encryption, WAL, synchronous=NORMAL,
 * a busy timeout and foreign keys. A wrong or missing encryption key is reported as DLV_DB_ENCRYPTION_KEY, never as
 * corruption.
 */
export function openSqlite(opts: OpenOptions): SqliteDb {
  if (opts.path !== ':memory:' && !opts.readonly) {
    ensurePrivateDir(dirname(opts.path));
    ensurePrivateFile(opts.path);
  }
  let db: SqliteDb;
  try {
    db = new Database(opts.path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (e) {
    throw new DelveError('DLV_DB_OPEN', `Cannot open the database ${opts.path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    if (opts.encryptionKey) db.key(Buffer.from(opts.encryptionKey, 'utf8'));
    // The first real read fails here when the key is wrong, missing, or given for a plain database.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      const msg = opts.encryptionKey
        ? `Cannot open ${opts.path}: DELVE_DATABASE_ENCRYPTION_KEY is wrong, or the file is not an encrypted Delve database.`
        : `Cannot open ${opts.path}: the file is encrypted (set DELVE_DATABASE_ENCRYPTION_KEY or DELVE_DATABASE_ENCRYPTION_KEY_FILE) or is not a database.`;
      throw new DelveError('DLV_DB_ENCRYPTION_KEY', msg, { field: 'DELVE_DATABASE_ENCRYPTION_KEY' });
    }
    throw new DelveError('DLV_DB_OPEN', `Cannot open the database ${opts.path}: ${(e as Error).message}`, { cause: e });
  }
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  return db;
}
