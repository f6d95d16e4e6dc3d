import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { req } from '../helpers/http.js';
import { startEventsServer, type EventsServer } from './events-harness.js';

let t: EventsServer;
let webId: string;
let secretId: string;
beforeAll(async () => {
  t = await startEventsServer();
  await t.user('root', { superuser: true });
  await t.user('web', { read: ['web*'], write: ['web'] });
  await t.user('web2', { read: ['web*'], write: ['web'] });
  await t.user('reader', { read: ['web*'], write: [], perms: ['view_event'] });
  await t.user('noperm', { read: ['*'], write: ['*'], perms: [] });
  await t.user('star', { read: ['*'], write: ['*'] });
  webId = (await t.as('web', 'POST', '/api/events/', { text: 'web event', index: 'web' })).json<{ ids: string[] }>().ids[0]!;
  secretId = (await t.as('root', 'POST', '/api/events/', { text: 'secret', index: 'secret' })).json<{ ids: string[] }>().ids[0]!;
  await t.as('root', 'POST', '/api/events/', { text: 'internal', index: '_internal' });
});
afterAll(async () => { await t?.close(); });

const audits = (action: string): number => Number(t.store.sqlite.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action));

describe('index write ACL on create', () => {
  it('403 for a batch that writes to a forbidden index (nothing stored), audited', async () => {
    const before = audits('permission.denied');
    const r = await t.as('web', 'POST', '/api/events/', [{ text: 'ok', index: 'web' }, { text: 'no', index: 'secret' }]);
    expect(r.status).toBe(403);
    expect(r.json()).toMatchObject({ accepted: 0, error: { code: 'DLV_AUTH_FORBIDDEN' }, errors: [{ position: 1, code: 'DLV_AUTH_FORBIDDEN', field: 'index' }] });
    expect(audits('permission.denied')).toBe(before + 1);
  });
  it('with ?partial=true only the forbidden item is refused', async () => {
    const r = await t.as('web', 'POST', '/api/events/?partial=true', [{ text: 'ok', index: 'web' }, { text: 'no', index: 'secret' }]);
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ accepted: 1, rejected: 1, errors: [{ position: 1, code: 'DLV_AUTH_FORBIDDEN' }] });
  });
  it('* does not reach internal _ indexes; no add_event permission is 403', async () => {
    expect((await t.as('star', 'POST', '/api/events/', { text: 'x', index: '_audit' })).status).toBe(403);
    expect((await t.as('noperm', 'POST', '/api/events/', { text: 'x' })).status).toBe(403);
    expect((await t.as('reader', 'POST', '/api/events/', { text: 'x', index: 'web' })).status).toBe(403);
  });
  it('no credentials is 401', async () => {
    expect((await req(`${t.url}/api/events/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' })).status).toBe(401);
    expect((await req(`${t.url}/api/events/`)).status).toBe(401);
  });
});

describe('index read ACL on reads', () => {
  it('the list shows only readable indexes; an unreadable index filter is empty', async () => {
    const all = (await t.as('web', 'GET', '/api/events/?limit=1000')).json<{ results: { index: string }[] }>().results;
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((e) => e.index))).toEqual(new Set(['web']));
    expect((await t.as('web', 'GET', '/api/events/?index=secret')).json()).toMatchObject({ count: 0, results: [] });
    const star = (await t.as('star', 'GET', '/api/events/?limit=1000')).json<{ results: { index: string }[] }>().results;
    expect(star.map((e) => e.index)).not.toContain('_internal');
    // internal indexes are listed only when named, for superusers too (as search does)
    const root = (await t.as('root', 'GET', '/api/events/?limit=1000')).json<{ results: { index: string }[] }>().results;
    expect(root.map((e) => e.index)).toContain('secret');
    expect(root.map((e) => e.index)).not.toContain('_internal');
    const named = (await t.as('root', 'GET', '/api/events/?index=_internal')).json<{ count: number; results: { text: string }[] }>();
    expect(named).toMatchObject({ count: 1, results: [{ text: 'internal' }] });
    expect((await t.as('star', 'GET', '/api/events/?index=_internal')).json()).toMatchObject({ count: 0, results: [] });
  });
  it('detail of an event in an unreadable index is 404 for every method (no existence leak)', async () => {
    for (const m of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const r = await t.as('web', m, `/api/events/${secretId}/`, m === 'PUT' || m === 'PATCH' ? { text: 'pwned' } : undefined);
      expect(r.status, m).toBe(404);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('DLV_EVENT_NOT_FOUND');
    }
    expect((await t.as('web', 'GET', '/api/events/00000000-0000-7000-8000-000000000000/')).status).toBe(404);
    expect((t.store.sqlite.prepare('SELECT text FROM events WHERE id = ?').pluck().get(secretId))).toBe('secret');
  });
  it('view_event is needed to read', async () => {
    expect((await t.as('noperm', 'GET', '/api/events/')).status).toBe(403);
    expect((await t.as('noperm', 'GET', `/api/events/${webId}/`)).status).toBe(403);
  });
});

describe('update and delete', () => {
  it('only the owner (or a superuser) with change/delete permission and write access may change an event', async () => {
    expect((await t.as('web2', 'PATCH', `/api/events/${webId}/`, { text: 'not mine' })).status).toBe(403);
    expect((await t.as('reader', 'PATCH', `/api/events/${webId}/`, { text: 'no perm' })).status).toBe(403);
    expect((await t.as('web2', 'DELETE', `/api/events/${webId}/`)).status).toBe(403);
    const own = await t.as('web', 'PATCH', `/api/events/${webId}/`, { text: 'edited by owner', host: 'h9' });
    expect(own.status).toBe(200);
    expect(own.json()).toMatchObject({ id: webId, text: 'edited by owner', host: 'h9', index: 'web' });
    expect((await t.as('root', 'PATCH', `/api/events/${webId}/`, { source: 'root-edit' })).json()).toMatchObject({ source: 'root-edit' });
  });
  it('moving an event needs write access to the new index too; PUT needs text; read-only fields are refused', async () => {
    expect((await t.as('web', 'PATCH', `/api/events/${webId}/`, { index: 'secret' })).status).toBe(403);
    expect((await t.as('web', 'PUT', `/api/events/${webId}/`, { host: 'x' })).status).toBe(400);
    const ro = await t.as('web', 'PATCH', `/api/events/${webId}/`, { created: '2020-01-01T00:00:00Z' });
    expect(ro.status).toBe(400);
    expect(ro.json()).toMatchObject({ error: { code: 'DLV_EVENT_INVALID', field: 'created' } });
  });
  it('the full-text index follows updates and deletes', async () => {
    await t.ingest.indexer.catchUp();
    const hits = (q: string): number => Number(t.store.sqlite.prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?').pluck().get(q));
    expect(hits('edited')).toBe(1);
    const r = await t.as('web', 'PUT', `/api/events/${webId}/`, { text: 'rewritten completely' });
    expect(r.status).toBe(200);
    expect(hits('edited')).toBe(0);
    expect(hits('rewritten')).toBe(1);
    const before = audits('events.delete');
    expect((await t.as('web', 'DELETE', `/api/events/${webId}/`)).status).toBe(204);
    expect(hits('rewritten')).toBe(0);
    expect((await t.as('web', 'GET', `/api/events/${webId}/`)).status).toBe(404);
    expect(audits('events.delete')).toBe(before + 1);
  });
});

describe('API tokens', () => {
  it('an ingest token may POST but not read; a read token may read but not POST', async () => {
    const { createToken } = await import('../../src/auth/tokens.js');
    const web = await t.store.db.selectFrom('users').select('id').where('username', '=', 'web').executeTakeFirstOrThrow();
    const ingest = (await createToken(t.store, web.id, { name: 'i', scope: 'ingest' })).token;
    const read = (await createToken(t.store, web.id, { name: 'r', scope: 'read' })).token;
    const post = (tok: string, body: unknown) => req(`${t.url}/api/events/`, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(ingest, { text: 'via token', index: 'web' })).status).toBe(201);
    expect((await post(ingest, { text: 'via token', index: 'secret' })).status).toBe(403);
    expect((await req(`${t.url}/api/events/`, { headers: { authorization: `Bearer ${ingest}` } })).status).toBe(403);
    expect((await post(read, { text: 'x', index: 'web' })).status).toBe(403);
    expect((await req(`${t.url}/api/events/`, { headers: { authorization: `Bearer ${read}` } })).status).toBe(200);
  });
});
