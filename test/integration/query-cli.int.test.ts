/**
 * `./fl query` as a real process: local mode (as --user, whose index ACL applies; disabled/unknown users refused) and
 * remote mode against a real HTTPS server with POST /api/query/ (certificate verification on, --ca for a private CA,
 * read-scoped bearer token), table/JSON/NDJSON output and exit codes.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.js';
import { createUser, type User } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { createIngestRuntime, type IngestRuntime } from '../../src/ingest/runtime.js';
import { Keyring } from '../../src/security/keys/index.js';
import { authenticateHook } from '../../src/server/auth/authenticate.js';
import { createAuthServices } from '../../src/server/auth/services.js';
import { registerQueryRoutes } from '../../src/server/routes/query.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority } from '../helpers/certs.js';
import { flAsync, KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { startInProcess, type InProcessServer } from '../helpers/server.js';

const PW = 'query-cli-passphrase';
const env = { DELVE_SECRET_KEY: KEY_A };
let home: string;
let certDir: string;
let ca: CertAuthority;
let store: Store;
let ingest: IngestRuntime;
let server: InProcessServer;
let readToken: string;
const users: Record<string, User> = {};

beforeAll(async () => {
  home = tempHome('delve-query-cli-');
  certDir = makeTempDir();
  ca = makeCa(certDir, 'query-cli-ca');
  const leaf = makeCert(certDir, { ca, cn: 'localhost' });
  const tlsEnv = { DELVE_SSL_PRIVATE_KEY: leaf.key, DELVE_SSL_CERTIFICATE: leaf.cert };
  const { settings } = await loadSettings({ home, env: { ...env, DELVE_SERVER_PORT: '0', ...tlsEnv } });
  store = openStore(settings);
  await store.migrate();
  const keyring = new Keyring(KEY_A, [], 'env');
  const svc = createAuthServices(settings, store, keyring, true);
  ingest = await createIngestRuntime({ settings, store, logger: pino({ level: 'silent' }), options: { lagLogIntervalMs: 3_600_000 } });
  server = await startInProcess(tlsEnv, {
    home, store, keyring,
    registerProtected: (app) => {
      app.addHook('onRequest', authenticateHook(svc));
      registerQueryRoutes(app, svc, { ingest });
    },
  });
  users['admin'] = await createUser(store, { username: 'admin', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
  users['bob'] = await createUser(store, { username: 'bob', password: PW }, { minPasswordLength: 8 });
  users['off'] = await createUser(store, { username: 'off', password: PW }, { minPasswordLength: 8 });
  await store.db.updateTable('users').set({ is_active: 0 }).where('id', '=', users['off'].id).execute();
  // bob may read only the index "other"
  await store.db.deleteFrom('user_groups').where('user_id', '=', users['bob'].id).execute();
  const gid = randomUUID();
  await store.db.insertInto('groups').values({ id: gid, name: 'only-other', index_read: '["other"]', index_write: '[]', created_at: Date.now() }).execute();
  await store.db.insertInto('user_groups').values({ user_id: users['bob'].id, group_id: gid }).execute();
  await store.db.insertInto('group_permissions').values({ group_id: gid, codename: 'view_event' }).execute();
  const texts = ['alpha one', 'beta two', 'gamma three', 'delta four'];
  const out = await ingest.pipeline.ingestItems(texts.map((text, i) => ({ index: 'cli', host: 'box1', source: 's', sourcetype: 'plain', text, created: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString() })), { userId: users['admin'].id }, false);
  expect(out.accepted).toBe(4);
  await ingest.indexer.catchUp();
  readToken = (await createToken(store, users['admin'].id, { name: 'cli', scope: 'read' })).token;
});
afterAll(async () => {
  await server.close();
  await ingest.close();
  await store.close();
  rmHome(home);
  removeTempDir(certDir);
});

const query = (args: string[], extraEnv: Record<string, string> = {}) => flAsync(['query', ...args], { home, env: { ...env, ...extraEnv } });

describe('./fl query (local mode)', () => {
  it('runs as --user and prints JSON when not on a terminal, or an aligned table', async () => {
    const r = await query(['--user', 'admin', 'search index=cli | qs_count']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBe(4);
    const t = await query(['--user', 'admin', '--format', 'table', 'search index=cli beta | select host text']);
    expect(t.stdout).toBe('host  text\n----  --------\nbox1  beta two\n');
    const scalar = await query(['--user', 'admin', '--format', 'table', 'search index=cli | qs_count']);
    expect(scalar.stdout).toBe('4\n');
  });

  it('applies the user\'s index ACL and template variables from --local-context', async () => {
    expect(JSON.parse((await query(['--user', 'bob', 'search index=cli | qs_count'])).stdout)).toBe(0);
    const r = await query(['--user', 'admin', '--format', 'ndjson', '--local-context', '{"w": "gamma"}', 'search index=cli {{ w }} | select text']);
    expect(r.stdout).toBe('{"text":"gamma three"}\n');
  });

  it('exits 1 with the message, command and span on a query error; 2 on usage errors', async () => {
    const r = await query(['--user', 'admin', 'search | nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope is not a recognized search command. (command 2: nope, characters 9-13) [DLV_QUERY_UNKNOWN_COMMAND]');
    expect((await query(['search'])).code).toBe(2); // --user is required locally
    expect((await query(['--user', 'admin', '--local-context', '[1]', 'search'])).code).toBe(2);
    const off = await query(['--user', 'off', 'search']);
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('DLV_AUTH_FORBIDDEN');
    expect((await query(['--user', 'ghost', 'search'])).code).toBe(1);
  });
});

describe('./fl query (remote mode)', () => {
  it('POSTs to /api/query/ over verified TLS with a read token (--ca for the private CA)', async () => {
    const r = await query(['--server', server.url, '--ca', ca.cert, '--format', 'ndjson', 'search index=cli --order-by=created | select text'], { DELVE_TOKEN: readToken });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text)).toEqual(['alpha one', 'beta two', 'gamma three', 'delta four']);
    const ctxRun = await query(['--server', server.url, '--ca', ca.cert, '--local-context', '{"w": "delta"}', 'search index=cli {{ w }} | qs_count'], { DELVE_TOKEN: readToken });
    expect(JSON.parse(ctxRun.stdout)).toBe(1);
  });

  it('refuses a server whose certificate it cannot verify, and reports server-side errors', async () => {
    const untrusted = await query(['--server', server.url, 'search'], { DELVE_TOKEN: readToken });
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/cannot reach .*certificate/i);
    const bad = await query(['--server', server.url, '--ca', ca.cert, 'search'], { DELVE_TOKEN: 'dlv_wrong' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DLV_AUTH_INVALID');
    const forbidden = await query(['--server', server.url, '--ca', ca.cert, 'search index=cli | qs_delete'], { DELVE_TOKEN: readToken });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('(command 2: qs_delete, characters 19-28) [DLV_AUTH_FORBIDDEN]');
    expect((await query(['--server', server.url, 'search'])).code).toBe(2); // no token
  });
});
