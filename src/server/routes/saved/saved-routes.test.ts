import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../../../test/helpers/client.js';
import { KEY_A, rmHome, tempHome } from '../../../../test/helpers/fl.js';
import { req, type Reply } from '../../../../test/helpers/http.js';
import { startInProcess, type InProcessServer } from '../../../../test/helpers/server.js';
import { createToken } from '../../../auth/tokens.js';
import { createUser, type User } from '../../../auth/users.js';
import type { Settings } from '../../../config/schema.js';
import { loadSettings } from '../../../config/load.js';
import { Keyring } from '../../../security/keys/index.js';
import { openStore, type Store } from '../../../storage/index.js';
import { createAuthServices } from '../../auth/services.js';
import { protectedRoutes, publicRoutes } from '../../auth/wire.js';
import { registerSavedRoutes, SAVED_ENDPOINTS } from './index.js';

const PW = 'saved-routes-passphrase';
let s: InProcessServer;
let store: Store;
let settings: Settings;
let home: string;
const users: Record<string, User> = {};

beforeAll(async () => {
  home = tempHome();
  ({ settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0', DELVE_MAX_UPLOAD_SIZE: '4096' } }));
  store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const svc = createAuthServices(settings, store, keyring, false);
  s = await startInProcess({}, { home, store, keyring, registerProtected: protectedRoutes(svc, [registerSavedRoutes], [...SAVED_ENDPOINTS]), registerPublic: publicRoutes(svc) });
  for (const u of ['alice', 'bob', 'noperm']) users[u] = await createUser(store, { username: u, password: PW }, { minPasswordLength: 8 });
  await store.db.deleteFrom('user_groups').where('user_id', '=', users.noperm!.id).execute();
});
afterAll(async () => {
  await s.close();
  await store.close();
  rmHome(home);
});

const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> =>
  req(`${s.url}${path}`, {
    method, headers: { ...basic(who, PW), ...(body === undefined || Buffer.isBuffer(body) ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });

/** A real multipart/form-data body. */
function form(fields: Record<string, string>, files: { name: string; filename: string; content: Buffer | string }[] = []): { body: Buffer; headers: Record<string, string> } {
  const b = '----delveTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
const upload = (who: string, title: string, content: string | Buffer, filename = 'x.csv') => {
  const f = form({ title }, [{ name: 'content', filename, content }]);
  return call(who, 'POST', '/api/files/', f.body, f.headers);
};

describe('/api/queries/', () => {
  it('CRUD, owner-scoped, paginated', async () => {
    const c = await call('alice', 'POST', '/api/queries/', { name: 'q', text: 'search', _save: true });
    expect(c.status).toBe(201);
    const q = c.json<{ id: string }>();
    expect(q).toMatchObject({ name: 'q', text: 'search', _save: true, created: expect.stringMatching(/Z$/) });
    expect((await call('alice', 'POST', '/api/queries/', { name: 'q', text: 'x' })).status).toBe(400);
    await call('alice', 'POST', '/api/queries/', { name: 'q2', text: 'search 2' });
    const list = await call('alice', 'GET', '/api/queries/?limit=1');
    expect(list.json()).toMatchObject({ count: 2, previous: null, next: expect.stringContaining('offset=1'), results: [expect.any(Object)] });
    expect((await call('bob', 'GET', '/api/queries/')).json()).toMatchObject({ count: 0, results: [] });
    for (const m of ['GET', 'DELETE']) expect((await call('bob', m, `/api/queries/${q.id}/`)).status).toBe(404);
    expect((await call('bob', 'PUT', `/api/queries/${q.id}/`, { text: 'pwned' })).status).toBe(404);
    expect((await call('alice', 'PATCH', `/api/queries/${q.id}/`, { text: 'search b=1' })).json()).toMatchObject({ name: 'q', text: 'search b=1' });
    expect((await call('alice', 'DELETE', `/api/queries/${q.id}/`)).status).toBe(204);
    expect((await call('alice', 'GET', `/api/queries/${q.id}/`)).status).toBe(404);
  });

  it('needs the model permissions; read tokens may only GET', async () => {
    expect((await call('noperm', 'GET', '/api/queries/')).status).toBe(403);
    expect((await call('noperm', 'POST', '/api/files/', form({ title: 't' }).body, form({ title: 't' }).headers)).status).toBe(403);
    const { token } = await createToken(store, users.alice!.id, { name: 't', scope: 'read' });
    const auth = { authorization: `Bearer ${token}` };
    expect((await req(`${s.url}/api/queries/`, { headers: auth })).status).toBe(200);
    expect((await req(`${s.url}/api/queries/`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"text":"x"}' })).status).toBe(403);
  });
});

describe('/api/globals/ and /api/locals/', () => {
  it('POST /api/globals/ creates (201) then updates (200); context must be an object', async () => {
    expect((await call('alice', 'GET', '/api/globals/')).json()).toMatchObject({ count: 0 });
    const c = await call('alice', 'POST', '/api/globals/', { context: { a: 1 } });
    expect(c.status).toBe(201);
    const u = await call('alice', 'POST', '/api/globals/', { context: { a: 2 } });
    expect(u.status).toBe(200);
    expect(u.json<{ id: string }>().id).toBe(c.json<{ id: string }>().id);
    expect((await call('alice', 'POST', '/api/globals/', { context: [1] })).status).toBe(400);
    expect((await call('bob', 'GET', `/api/globals/${c.json<{ id: string }>().id}/`)).status).toBe(404);
    expect((await call('alice', 'GET', '/api/globals/')).json()).toMatchObject({ count: 1, results: [{ context: { a: 2 } }] });
  });

  it('POST /api/locals/ upserts by (owner, name) only', async () => {
    const a = await call('alice', 'POST', '/api/locals/', { name: 'env', context: { x: 1 } });
    expect(a.status).toBe(201);
    const b = await call('bob', 'POST', '/api/locals/', { name: 'env', context: { x: 9 } });
    expect(b.status).toBe(201);
    const a2 = await call('alice', 'POST', '/api/locals/', { name: 'env', context: { x: 2 } });
    expect(a2.status).toBe(200);
    expect(a2.json()).toMatchObject({ id: a.json<{ id: string }>().id, context: { x: 2 } });
    expect((await call('bob', 'GET', `/api/locals/${a.json<{ id: string }>().id}/`)).status).toBe(404);
    expect((await call('bob', 'GET', '/api/locals/')).json()).toMatchObject({ count: 1, results: [{ context: { x: 9 } }] });
    for (const context of ['"str"', [1], null, 5]) expect((await call('alice', 'POST', '/api/locals/', { name: 'bad', context })).status).toBe(400);
  });
});

describe('/api/files/', () => {
  const mediaFiles = () => readdirSync(settings.DELVE_MEDIA_ROOT);

  it('uploads multipart content under a random name and downloads it as an attachment', async () => {
    const r = await upload('alice', 'data', 'a,b\n1,2\n', '../../evil.sh');
    expect(r.status).toBe(201);
    const f = r.json<{ id: string; content: string; title: string; size: number }>();
    expect(f).toMatchObject({ title: 'data', size: 8, content: expect.stringMatching(new RegExp(`/api/files/${f.id}/download$`)) });
    expect(mediaFiles().every((n) => /^[0-9a-f]{32}$/.test(n))).toBe(true);
    expect(statSync(join(settings.DELVE_MEDIA_ROOT, mediaFiles()[0]!)).mode & 0o777).toBe(0o600);
    const d = await call('alice', 'GET', `/api/files/${f.id}/download`);
    expect(d.status).toBe(200);
    expect(d.body).toBe('a,b\n1,2\n');
    expect(d.headers['content-type']).toBe('application/octet-stream');
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    expect(d.headers['content-disposition']).toMatch(/^attachment; filename="data"/);
    expect((await call('bob', 'GET', `/api/files/${f.id}/download`)).status).toBe(404);
    expect((await call('bob', 'GET', `/api/files/${f.id}/`)).status).toBe(404);
    expect((await call('bob', 'DELETE', `/api/files/${f.id}/`)).status).toBe(404);
  });

  it('titles are labels: traversal names never become paths; unique per owner, not globally', async () => {
    const before = mediaFiles().length;
    const evil = '../../../../tmp/delve-pwned';
    expect((await upload('alice', evil, 'x')).status).toBe(201);
    expect(existsSync('/tmp/delve-pwned')).toBe(false);
    expect(mediaFiles()).toHaveLength(before + 1);
    expect((await upload('bob', evil, 'y')).status).toBe(201);
    const dup = await upload('alice', evil, 'z');
    expect(dup.status).toBe(400);
    expect(dup.json()).toMatchObject({ error: { code: 'DLV_SAVED_NAME_TAKEN' } });
    expect(mediaFiles()).toHaveLength(before + 2); // the refused upload left nothing behind
  });

  it('enforces the size limit, one file, the content field and multipart', async () => {
    const before = mediaFiles().length;
    const big = await upload('alice', 'big', Buffer.alloc(5000, 97));
    expect(big.status).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'DLV_FILE_TOO_LARGE' } });
    const two = form({ title: 'two' }, [{ name: 'content', filename: 'a', content: 'a' }, { name: 'content', filename: 'b', content: 'b' }]);
    expect((await call('alice', 'POST', '/api/files/', two.body, two.headers)).status).toBe(400);
    const noTitle = form({}, [{ name: 'content', filename: 'a', content: 'a' }]);
    expect((await call('alice', 'POST', '/api/files/', noTitle.body, noTitle.headers)).status).toBe(400);
    expect((await call('alice', 'POST', '/api/files/', { title: 'x', content: 'y' })).status).toBe(400);
    expect(mediaFiles()).toHaveLength(before);
  });

  it('renames, replaces and deletes (the stored file goes too)', async () => {
    const f = (await upload('alice', 'r1', 'old')).json<{ id: string }>();
    expect((await call('alice', 'PATCH', `/api/files/${f.id}/`, { title: 'r2' })).json()).toMatchObject({ title: 'r2' });
    const rep = form({}, [{ name: 'content', filename: 'n', content: 'newer' }]);
    expect((await call('alice', 'PUT', `/api/files/${f.id}/`, rep.body, rep.headers)).json()).toMatchObject({ title: 'r2', size: 5 });
    expect((await call('alice', 'GET', `/api/files/${f.id}/download`)).body).toBe('newer');
    const before = mediaFiles().length;
    expect((await call('alice', 'DELETE', `/api/files/${f.id}/`)).status).toBe(204);
    expect(mediaFiles()).toHaveLength(before - 1);
  });
});
