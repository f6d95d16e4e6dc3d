import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ALL_PERMISSIONS, DEFAULT_GROUP } from '../../auth/permissions.js';
import type { DB } from '../tables.js';

/** Seeds the permission catalogue and the default `Users` group (may read/write all non-internal indexes). */
export async function up(kdb: Kysely<unknown>): Promise<void> {
  const db = kdb as unknown as Kysely<DB>;
  await db.insertInto('permissions').values(ALL_PERMISSIONS).execute();
  const id = randomUUID();
  await db.insertInto('groups').values({
    id, name: DEFAULT_GROUP.name, index_read: JSON.stringify(DEFAULT_GROUP.indexRead),
    index_write: JSON.stringify(DEFAULT_GROUP.indexWrite), created_at: Date.now(),
  }).execute();
  await db.insertInto('group_permissions').values(DEFAULT_GROUP.permissions.map((codename) => ({ group_id: id, codename }))).execute();
}
