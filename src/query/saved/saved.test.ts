import { readdirSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEnv, type TestEnv } from '../commands/extra/test-services.js';
import {
  createFileRecord, createQuery, findOwnFileByTitle, findOwnLocalContext, findOwnQueryByName, getGlobalContext, storedPath,
  upsertGlobalContext, upsertLocalContext, upsertQuery, writeStoredFile,
} from './index.js';

let t: TestEnv;
beforeAll(async () => { t = await openTestEnv(); });
afterAll(async () => t.close());

describe('saved queries', () => {
  it('upsertQuery targets the caller\'s query by name and persists only with _save', async () => {
    const unsaved = await upsertQuery(t.store, t.alice.id, { name: 'q1', text: 'search', _save: false });
    expect(unsaved.persisted).toBe(false);
    expect(await findOwnQueryByName(t.store, t.alice.id, 'q1')).toBeUndefined();
    const saved = await upsertQuery(t.store, t.alice.id, { name: 'q1', text: 'search a=1', _save: true });
    expect(saved).toMatchObject({ name: 'q1', text: 'search a=1', _save: true, persisted: true });
    const again = await upsertQuery(t.store, t.alice.id, { name: 'q1', text: 'search a=2', _save: true });
    expect(again.id).toBe(saved.id);
    const notSavedEdit = await upsertQuery(t.store, t.alice.id, { name: 'q1', text: 'search a=3', _save: false });
    expect(notSavedEdit.id).toBe(saved.id);
    expect((await findOwnQueryByName(t.store, t.alice.id, 'q1'))?.text).toBe('search a=2');
  });

  it('null names match the caller\'s unnamed query; other users\' queries are never targets', async () => {
    const a = await upsertQuery(t.store, t.alice.id, { name: null, text: 'search', _save: true });
    const b = await upsertQuery(t.store, t.alice.id, { name: null, text: 'search x=1', _save: true });
    expect(b.id).toBe(a.id);
    const bob = await upsertQuery(t.store, t.bob.id, { name: 'q1', text: 'bob', _save: true });
    expect(bob.id).not.toBe((await findOwnQueryByName(t.store, t.alice.id, 'q1'))?.id);
    expect(await findOwnQueryByName(t.store, t.bob.id, null)).toBeUndefined();
  });

  it('names are unique per owner', async () => {
    await expect(createQuery(t.store, t.alice.id, { name: 'q1', text: 'x', _save: true })).rejects.toMatchObject({ code: 'DLV_SAVED_NAME_TAKEN' });
    await expect(upsertQuery(t.store, t.alice.id, { name: 'q', text: '  ', _save: true })).rejects.toMatchObject({ code: 'DLV_SAVED_INVALID', field: 'text' });
  });
});

describe('contexts', () => {
  it('global context: {} when missing, created then updated', async () => {
    expect(await getGlobalContext(t.store, t.alice.id)).toEqual({});
    expect((await upsertGlobalContext(t.store, t.alice.id, { a: 1 })).created).toBe(true);
    expect((await upsertGlobalContext(t.store, t.alice.id, { a: 2 })).created).toBe(false);
    expect(await getGlobalContext(t.store, t.alice.id)).toEqual({ a: 2 });
    expect(await getGlobalContext(t.store, t.bob.id)).toEqual({});
    for (const bad of [[1], 'x', null, 3]) await expect(upsertGlobalContext(t.store, t.alice.id, bad)).rejects.toMatchObject({ code: 'DLV_SAVED_INVALID' });
  });

  it('local contexts upsert by (owner, name) and must be objects', async () => {
    expect((await upsertLocalContext(t.store, t.alice.id, { name: 'l', context: { x: 1 } })).created).toBe(true);
    expect((await upsertLocalContext(t.store, t.bob.id, { name: 'l', context: { x: 9 } })).created).toBe(true);
    expect((await upsertLocalContext(t.store, t.alice.id, { name: 'l', context: { x: 2 } })).created).toBe(false);
    expect((await findOwnLocalContext(t.store, t.alice.id, 'l'))?.context).toEqual({ x: 2 });
    expect((await findOwnLocalContext(t.store, t.bob.id, 'l'))?.context).toEqual({ x: 9 });
    await expect(upsertLocalContext(t.store, t.alice.id, { name: 'l', context: [1] })).rejects.toMatchObject({ code: 'DLV_SAVED_INVALID', field: 'context' });
  });
});

describe('files', () => {
  it('stores content under a random name, 0600 in a 0700 directory; titles unique per owner only', async () => {
    const root = t.settings.DELVE_MEDIA_ROOT;
    const stored = await writeStoredFile(root, Readable.from([Buffer.from('a,b\n1,2\n')]), 1000);
    expect(stored.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(storedPath(root, stored.storedName)).mode & 0o777).toBe(0o600);
    expect(statSync(root).mode & 0o777).toBe(0o700);
    await createFileRecord(t.store, root, t.alice.id, '../../etc/passwd', stored);
    expect((await findOwnFileByTitle(t.store, t.alice.id, '../../etc/passwd'))?.size).toBe(8);
    const s2 = await writeStoredFile(root, Readable.from([Buffer.from('x')]), 1000);
    await createFileRecord(t.store, root, t.bob.id, '../../etc/passwd', s2);
    const s3 = await writeStoredFile(root, Readable.from([Buffer.from('y')]), 1000);
    await expect(createFileRecord(t.store, root, t.alice.id, '../../etc/passwd', s3)).rejects.toMatchObject({ code: 'DLV_SAVED_NAME_TAKEN' });
    expect(() => statSync(storedPath(root, s3.storedName))).toThrow(); // orphan removed
    expect(() => storedPath(root, '../x')).toThrow();
  });

  it('refuses files over the size limit and leaves nothing behind', async () => {
    const before = readdirSync(t.settings.DELVE_MEDIA_ROOT).length;
    await expect(writeStoredFile(t.settings.DELVE_MEDIA_ROOT, Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000)).rejects.toMatchObject({ code: 'DLV_FILE_TOO_LARGE' });
    expect(readdirSync(t.settings.DELVE_MEDIA_ROOT)).toHaveLength(before);
  });
});
