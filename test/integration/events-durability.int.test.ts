import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.js';
import { loadSettings } from '../../src/config/load.js';
import { openStore } from '../../src/storage/index.js';
import { basic } from '../helpers/client.js';
import { cleanEnv, fl, KEY_A, ROOT, rmHome, tempHome } from '../helpers/fl.js';
import { PW } from './events-harness.js';

const SERVER = join(ROOT, 'test', 'fixtures', 'ingest', 'serve-events.mjs');
let home: string;

function startServer(): Promise<{ proc: ChildProcess; url: string; exited: Promise<unknown> }> {
  const proc = spawn(process.execPath, [SERVER], { env: cleanEnv({ DELVE_HOME: home, DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_PORT: '0' }) });
  const exited = new Promise((r) => proc.on('exit', r));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Delve is listening on (\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1]!, exited });
    });
    void exited.then(() => reject(new Error(`server exited early: ${out}\n${err}`)));
  });
}

function post(url: string, agent: Agent, body: string): Promise<{ status: number; ids: string[] }> {
  return new Promise((resolve, reject) => {
    const rq = request(`${url}/api/events/`, { method: 'POST', agent, headers: { ...basic('root', PW), 'content-type': 'application/json' } }, (res) => {
      let b = '';
      res.on('data', (c: Buffer) => { b += c.toString(); });
      res.on('end', () => {
        try { resolve({ status: res.statusCode ?? 0, ids: res.statusCode === 201 ? (JSON.parse(b) as { ids: string[] }).ids : [] }); } catch (e) { reject(e); }
      });
      res.on('error', reject);
    });
    rq.on('error', reject);
    rq.end(body);
  });
}

beforeAll(async () => {
  expect(fl(['--help']).code).toBe(0); // builds dist/ when src/ changed
  home = tempHome('delve-crash-');
  const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A } });
  const store = openStore(settings);
  await store.migrate();
  await createUser(store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
  await store.close();
});
afterAll(() => { if (home) rmHome(home); });

describe('crash durability', () => {
  it('every event acknowledged with 201 is present after SIGKILL and restart', async () => {
    const acked: string[] = [];
    for (let round = 0; round < 3; round++) {
      const s = await startServer();
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      let killed = false;
      let acks = 0;
      const poster = async (w: number): Promise<void> => {
        for (let i = 0; !killed; i++) {
          const batch = JSON.stringify(Array.from({ length: 200 }, (_, k) => ({ text: `round ${round} worker ${w} req ${i} event ${k}`, index: 'crash' })));
          let r: { status: number; ids: string[] };
          try { r = await post(s.url, agent, batch); } catch { return; } // the connection died with the server
          if (r.status !== 201) throw new Error(`unexpected status ${r.status}`);
          acked.push(...r.ids);
          acks += 1;
          if (acks >= 5 + round * 3 && !killed) { killed = true; s.proc.kill('SIGKILL'); }
        }
      };
      await Promise.all([0, 1, 2, 3].map(poster));
      await s.exited;
      agent.destroy();
    }
    expect(acked.length).toBeGreaterThanOrEqual(3 * 5 * 200);
    const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY_A } });
    const store = openStore(settings);
    try {
      const has = store.sqlite.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
      const missing = acked.filter((id) => has.get(id) === undefined);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
