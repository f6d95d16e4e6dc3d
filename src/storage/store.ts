import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Settings } from '../config/schema.js';
import { DelveError } from '../errors.js';
import { ensurePrivateFile } from '../util/private-fs.js';
import { MIGRATIONS } from './migrations/index.js';
import { openSqlite, type SqliteDb } from './sqlite/open.js';
import type { DB } from './tables.js';

export interface MigrationState {
  name: string;
  applied: boolean;
  executedAt: Date | undefined;
}

/** The embedded database: the raw better-sqlite3 handle (hot paths) and a Kysely instance (everything else). */
export class Store {
  readonly sqlite: SqliteDb;
  readonly db: Kysely<DB>;
  readonly path: string;
  private closed = false;

  constructor(sqlite: SqliteDb, path: string) {
    this.sqlite = sqlite;
    this.path = path;
    this.db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  private migrator(): Migrator {
    return new Migrator({ db: this.db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) }, migrationTableName: 'delve_migrations', migrationLockTableName: 'delve_migrations_lock' });
  }

  /**
   * Applies every pending migration; returns the names applied. Processes starting at the same time (a server and a
   * collector, say) are serialised by an exclusive transaction on a small lock database beside the main one, so two
   * of them never run the same migration (Kysely's own lock is per connection for SQLite).
   */
  async migrate(): Promise<string[]> {
    if (this.path === ':memory:') return this.migrateUnlocked();
    ensurePrivateFile(`${this.path}-migrate.lock`);
    const lock = new Database(`${this.path}-migrate.lock`, { timeout: 120_000 });
    try {
      lock.pragma('journal_mode = DELETE');
      lock.exec('BEGIN EXCLUSIVE');
      return await this.migrateUnlocked();
    } finally {
      if (lock.inTransaction) lock.exec('ROLLBACK');
      lock.close();
    }
  }

  private async migrateUnlocked(): Promise<string[]> {
    const { error, results } = await this.migrator().migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new DelveError('DLV_DB_MIGRATION', `Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  async migrations(): Promise<MigrationState[]> {
    const list = await this.migrator().getMigrations();
    return list.map((m) => ({ name: m.name, applied: m.executedAt !== undefined, executedAt: m.executedAt }));
  }

  async pendingMigrations(): Promise<string[]> {
    return (await this.migrations()).filter((m) => !m.applied).map((m) => m.name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy(); // closes the better-sqlite3 handle too
  }
}

/** Opens the database named by the settings (DELVE_DATABASE_PATH, DELVE_DATABASE_ENCRYPTION_KEY). */
export function openStore(settings: Settings, opts: { readonly?: boolean } = {}): Store {
  const sqlite = openSqlite({ path: settings.DELVE_DATABASE_PATH, encryptionKey: settings.DELVE_DATABASE_ENCRYPTION_KEY, readonly: opts.readonly ?? false });
  return new Store(sqlite, settings.DELVE_DATABASE_PATH);
}
