import { syncFieldIndexes, type FieldIndexReport } from '../storage/field-indexes.js';
import type { SqliteDb } from '../storage/sqlite/open.js';

type InfoLogger = { info(obj: object, msg: string): void };

/**
 * DELVE_INDEXED_FIELDS → field indexes (src/storage/field-indexes.ts), with progress on stdout (building one over a
 * large table takes a few seconds per million events) and in the log when a logger is given.
 */
export function syncFieldIndexesWithProgress(db: SqliteDb, fields: readonly string[], logger?: InfoLogger): FieldIndexReport {
  return syncFieldIndexes(db, fields, (p) => {
    if (p.phase === 'drop') {
      process.stdout.write(`Dropped the field index for ${p.field} (no longer in DELVE_INDEXED_FIELDS).\n`);
      logger?.info({ index: p.name }, 'field index dropped');
    } else if (p.ms === undefined) {
      process.stdout.write(`Building the field index for ${p.field} over ${(p.events ?? 0).toLocaleString('en-US')} events…\n`);
    } else {
      process.stdout.write(`Built the field index for ${p.field} in ${(p.ms / 1000).toFixed(1)} s.\n`);
      logger?.info({ index: p.name, field: p.field, ms: p.ms }, 'field index built');
    }
  });
}
