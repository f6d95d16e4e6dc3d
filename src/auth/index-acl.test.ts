import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { openSqlite, Store } from '../storage/index.js';
import { compileIndexAcl, hasPermission, isValidIndexName, userIndexAcl, validateIndexName, validateIndexPattern } from './index-acl.js';
import { createUser } from './users.js';

const nameChar = fc.constantFrom(...'abcXYZ019_.-'.split(''));
const indexName = fc.tuple(fc.constantFrom(...'ab_Z9'.split('')), fc.string({ unit: nameChar, maxLength: 12 })).map(([a, b]) => a + b);
const pattern = fc.tuple(fc.constantFrom(...'ab_*?'.split('')), fc.string({ unit: fc.constantFrom(...'ab_.-*?'.split('')), maxLength: 8 })).map(([a, b]) => a + b);

/** Reference semantics via a regex (fine for the short strings generated here). */
function reference(p: string, s: string): boolean {
  const re = new RegExp(`^${[...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.\-]/g, '\\$&'))).join('')}$`, 's');
  return re.test(s) && (!s.startsWith('_') || p.startsWith('_'));
}

describe('compileIndexAcl', () => {
  it.each([
    [['*'], 'web', true],
    [['*'], '_audit', false],
    [['?audit'], '_audit', false],
    [['*audit'], '_audit', false],
    [['_audit'], '_audit', true],
    [['_audit'], '_internal', false],
    [['_*'], '_internal', true],
    [['_*'], 'web', false],
    [['web*'], 'web', true],
    [['web*'], 'web-2024.01', true],
    [['web*'], 'Web', false],
    [['web*'], 'myweb', false],
    [['app-?'], 'app-1', true],
    [['app-?'], 'app-12', false],
    [['app-?'], 'app-', false],
    [['a*b*c'], 'aXbYbZc', true],
    [['a*b*c'], 'aXbYbZ', false],
    [[], 'web', false],
    [['web', 'app*'], 'app', true],
    [['*'], '.hidden', false], // not a valid index name
    [['*'], '', false],
  ])('%j matches %j: %s', (patterns, index, expected) => {
    expect(compileIndexAcl(patterns).matches(index)).toBe(expected);
  });

  it('a pattern not starting with _ never matches an internal index (property)', () => {
    fc.assert(
      fc.property(pattern.filter((p) => !p.startsWith('_')), fc.string({ unit: nameChar, maxLength: 20 }), (p, rest) => {
        expect(compileIndexAcl([p]).matches(`_${rest}`)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with a regex reference implementation (property)', () => {
    fc.assert(
      fc.property(pattern, indexName, (p, s) => {
        expect(compileIndexAcl([p]).matches(s)).toBe(reference(p, s));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles pathological patterns without blowing up', () => {
    const p = `${'*a'.repeat(60)}b`;
    expect(compileIndexAcl([p]).matches('a'.repeat(255))).toBe(false);
  });

  it('refuses invalid patterns with DLV_INDEX_INVALID', () => {
    for (const p of ['', 'web[0-9]', 'a b', '.x', '-x', 'x'.repeat(256), 'web/logs', '%']) {
      expect(() => compileIndexAcl([p])).toThrow(expect.objectContaining({ code: 'DLV_INDEX_INVALID' }));
    }
    expect(validateIndexPattern('_*')).toBe('_*');
  });
});

describe('index names', () => {
  it('validates names', () => {
    for (const ok of ['web', '_audit', 'a', 'web-2024.01.01', 'A_b', 'x'.repeat(255)]) expect(isValidIndexName(ok)).toBe(true);
    for (const bad of ['', '.x', '-x', 'a b', 'a/b', 'x'.repeat(256), 'ü', 'a*', 42]) expect(isValidIndexName(bad)).toBe(false);
    expect(() => validateIndexName('a b')).toThrow(expect.objectContaining({ code: 'DLV_INDEX_INVALID', field: 'index' }));
  });
  it('never throws anything but a DelveError (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        try {
          validateIndexName(v);
          validateIndexPattern(v);
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
        }
      }),
    );
  });
});

describe('userIndexAcl / hasPermission (real SQLite)', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delve-acl-'));
    const path = join(dir, 'db.sqlite3');
    store = new Store(openSqlite({ path }), path);
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function group(name: string, read: unknown, write: unknown, perms: string[] = []): Promise<string> {
    const id = randomUUID();
    await store.db.insertInto('groups').values({ id, name, index_read: typeof read === 'string' ? read : JSON.stringify(read), index_write: typeof write === 'string' ? write : JSON.stringify(write), created_at: 0 }).execute();
    for (const codename of perms) await store.db.insertInto('group_permissions').values({ group_id: id, codename }).execute();
    return id;
  }

  it('grants the union of the groups, never internal indexes via *, and fails closed on bad rows', async () => {
    const u = await createUser(store, { username: 'alice', password: 'correct horse battery' }, { minPasswordLength: 8 });
    // The default Users group grants `*`: every ordinary index, no internal one.
    let acl = await userIndexAcl(store, u);
    expect([acl.canRead('web'), acl.canRead('_audit'), acl.canWrite('web'), acl.canWrite('_internal')]).toEqual([true, false, true, false]);
    await store.db.deleteFrom('user_groups').where('user_id', '=', u.id).execute();
    acl = await userIndexAcl(store, u);
    expect([acl.canRead('web'), acl.canWrite('web')]).toEqual([false, false]);

    const auditors = await group('auditors', ['_audit'], []);
    const web = await group('web', ['web*'], ['web-ingest']);
    const broken = await group('broken', 'not json', '{"a":1}');
    const odd = await group('odd', ['ok', 42, 'bad pattern', '[x]'], []);
    for (const g of [auditors, web, broken, odd]) await store.db.insertInto('user_groups').values({ user_id: u.id, group_id: g }).execute();
    acl = await userIndexAcl(store, u);
    expect(acl.readPatterns).toEqual(['_audit', 'ok', 'web*']);
    expect(acl.writePatterns).toEqual(['web-ingest']);
    expect([acl.canRead('_audit'), acl.canRead('_internal'), acl.canRead('web-1'), acl.canRead('app'), acl.canRead('ok')]).toEqual([true, false, true, false, true]);
    expect([acl.canWrite('web-ingest'), acl.canWrite('web-1'), acl.canWrite('_audit')]).toEqual([true, false, false]);
    expect(acl.all).toBe(false);

    await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', u.id).execute();
    acl = await userIndexAcl(store, { ...u, is_active: 0 });
    expect(acl.canRead('web-1')).toBe(false);
  });

  it('superusers read and write everything, internal indexes included', async () => {
    const root = await createUser(store, { username: 'root', password: 'correct horse battery', isSuperuser: true }, { minPasswordLength: 8 });
    await store.db.deleteFrom('user_groups').execute();
    const acl = await userIndexAcl(store, root);
    expect(acl.all).toBe(true);
    for (const i of ['web', '_audit', '_internal', 'x.y-z']) expect([acl.canRead(i), acl.canWrite(i)]).toEqual([true, true]);
    expect(acl.canRead('bad name')).toBe(false);
    expect(await hasPermission(store, root, 'delete_user')).toBe(true);
  });

  it('hasPermission: user permissions ∪ group permissions; disabled users have none', async () => {
    const u = await createUser(store, { username: 'bob', password: 'correct horse battery' }, { minPasswordLength: 8 });
    expect(await hasPermission(store, u, 'view_event')).toBe(true); // from the default Users group
    expect(await hasPermission(store, u, 'view_user')).toBe(false);
    await store.db.insertInto('user_permissions').values({ user_id: u.id, codename: 'view_user' }).execute();
    expect(await hasPermission(store, u, 'view_user')).toBe(true);
    const g = await group('admins', [], [], ['delete_group']);
    expect(await hasPermission(store, u, 'delete_group')).toBe(false);
    await store.db.insertInto('user_groups').values({ user_id: u.id, group_id: g }).execute();
    expect(await hasPermission(store, u, 'delete_group')).toBe(true);
    expect(await hasPermission(store, u, "view_event' OR '1'='1")).toBe(false);
    expect(await hasPermission(store, { ...u, is_active: 0 }, 'view_event')).toBe(false);
  });
});
