import type { Store } from '../storage/index.js';
import { decrypt, encrypt, reencryptAll, type ReencryptCounts } from './crypto-box/index.js';
import type { Keyring } from './keys/index.js';

/** Secrets at rest in the `secrets` table, sealed with crypto-box; the secret's name is the associated data. */
export async function putSecret(store: Store, keyring: Keyring, name: string, value: string): Promise<void> {
  const sealed = encrypt(keyring, value, `secret:${name}`);
  const now = Date.now();
  await store.db.insertInto('secrets')
    .values({ name, key_id: sealed.keyId, ciphertext: sealed.ciphertext, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ key_id: sealed.keyId, ciphertext: sealed.ciphertext, updated_at: now }))
    .execute();
}

export async function getSecret(store: Store, keyring: Keyring, name: string): Promise<string | undefined> {
  const row = await store.db.selectFrom('secrets').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) return undefined;
  return decrypt(keyring, { keyId: row.key_id, ciphertext: row.ciphertext }, `secret:${name}`).plaintext;
}

/** `fl reencrypt`: rewrites every stored secret under the current key in one transaction; returns counts and failures. */
export async function reencryptStoredSecrets(store: Store, keyring: Keyring): Promise<{ counts: ReencryptCounts; failures: { id: string; message: string }[] }> {
  const rows = await store.db.selectFrom('secrets').selectAll().execute();
  const result = reencryptAll(rows.map((r) => ({ id: r.name, sealed: { keyId: r.key_id, ciphertext: r.ciphertext }, aad: `secret:${r.name}` })), keyring);
  const now = Date.now();
  await store.db.transaction().execute(async (tx) => {
    for (const u of result.updates) {
      await tx.updateTable('secrets').set({ key_id: u.sealed.keyId, ciphertext: u.sealed.ciphertext, updated_at: now }).where('name', '=', u.id).execute();
    }
  });
  return { counts: result.counts, failures: result.failures.map((f) => ({ id: f.id, message: f.message })) };
}
