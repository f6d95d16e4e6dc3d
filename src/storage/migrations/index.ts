import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-seed-permissions.js';
import * as m0003 from './0003-events-fts.js';
import * as m0004 from './0004-saved-objects.js';
import * as m0005 from './0005-query-indexes.js';

/** Forward-only migrations, applied in name order. Add new ones at the end; never edit an applied one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-seed-permissions': m0002,
  '0003-events-fts': m0003,
  '0004-saved-objects': m0004,
  '0005-query-indexes': m0005,
};
