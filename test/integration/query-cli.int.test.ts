import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fl, KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { startFl } from '../helpers/server.js';

const env = { DELVE_SECRET_KEY: KEY_A };
let home: string;
beforeAll(() => {
  home = tempHome();
  expect(fl(['createsuperuser', '--username', 'admin', '--no-input'], { home, env: { ...env, DELVE_SUPERUSER_PASSWORD: 'query-cli-passphrase' } }).code).toBe(0);
  const lines = ['alpha one', 'beta two', 'gamma three', 'delta four'].join('\n');
  expect(fl(['create-events', '-i', 'cli', '-H', 'box1', '-'], { home, env, input: `${lines}\n` }).code).toBe(0);
});
afterAll(() => rmHome(home));

describe('./fl query', () => {
  it('local mode runs as --user and prints JSON (or a table)', () => {
    const r = fl(['query', '--user', 'admin', 'search index=cli | qs_count'], { home, env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBe(4);
    const t = fl(['query', '--user', 'admin', '--format', 'table', 'search index=cli beta | select host text'], { home, env });
    expect(t.stdout).toMatch(/^host\s+text\n-+\s+-+\nbox1\s+beta two$/m);
  });

  it('reports query errors with the command and exits 1', () => {
    const r = fl(['query', '--user', 'admin', 'search | nope'], { home, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_QUERY_UNKNOWN_COMMAND');
    expect(fl(['query', 'search'], { home, env }).code).toBe(2); // --user is required locally
  });

  it('remote mode sends the query with a read token', async () => {
    const token = fl(['createtoken', 'admin', '--scope', 'read'], { home, env }).stdout.trim();
    const srv = await startFl([], { home, env });
    try {
      const r = fl(['query', '--server', srv.url, '--format', 'ndjson', 'search index=cli --order-by=created | select text'], { home, env: { ...env, DELVE_TOKEN: token } });
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string }).map((x) => x.text)).toEqual(['alpha one', 'beta two', 'gamma three', 'delta four']);
      const bad = fl(['query', '--server', srv.url, 'search'], { home, env: { ...env, DELVE_TOKEN: 'dlv_wrong' } });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('DLV_AUTH_INVALID');
    } finally {
      await srv.stop();
    }
  });
});
