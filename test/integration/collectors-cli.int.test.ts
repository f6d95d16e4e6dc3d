import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir } from '../helpers/certs.js';
import { freePort, startCollector, waitUntil } from '../helpers/collector.js';
import { fl, flAsync, KEY_A, rmHome, tempHome } from '../helpers/fl.js';
import { startFl } from '../helpers/server.js';

const PW = 'collector-test-passphrase';
const env = { DELVE_SECRET_KEY: KEY_A };
const count = (home: string, index: string): number => {
  const db = new Database(join(home, 'var', 'db.sqlite3'), { readonly: true });
  try { return (db.prepare('SELECT count(*) AS n FROM events WHERE "index" = ?').get(index) as { n: number }).n; } finally { db.close(); }
};
const rows = (home: string, index: string): { host: string; text: string; extracted_fields: string; created: number }[] => {
  const db = new Database(join(home, 'var', 'db.sqlite3'), { readonly: true });
  try { return db.prepare('SELECT host, text, extracted_fields, created FROM events WHERE "index" = ? ORDER BY seq').all(index) as never; } finally { db.close(); }
};
const sendTcp = (port: number, data: string): Promise<void> => new Promise((resolve, reject) => {
  const s = connect(port, '127.0.0.1', () => s.end(data));
  s.on('close', () => resolve());
  s.on('error', reject);
});
const hasLogger = (() => { try { execFileSync('logger', ['--help'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('./fl syslog (local database)', () => {
  let home: string;
  beforeAll(() => { home = tempHome(); });
  afterAll(() => rmHome(home));

  it('stores UDP and TCP messages (LF and octet-counted framing) with parsed fields; stops cleanly', async () => {
    const c = await startCollector(['syslog', '--udp', '--tcp', '--udp-port', '0', '--tcp-port', '0', '-i', 'net', '--stats-interval', '0'], { home, env, ready: /listening on udp:\/\/127\.0\.0\.1:(\d+) and tcp:\/\/127\.0\.0\.1:(\d+)/ });
    const [, udp, tcp] = /udp:\/\/127\.0\.0\.1:(\d+) and tcp:\/\/127\.0\.0\.1:(\d+)/.exec(c.out())!;
    const m1 = '<34>1 2026-11-29T10:00:00.123Z router1 sshd 42 ID47 [exampleSDID@32473 iut="3"] Failed password for root';
    const m2 = '<13>Nov 29 10:00:01 web1 nginx[7]: upstream timed out';
    await sendTcp(Number(tcp), `${Buffer.byteLength(m1)} ${m1}${m2}\n`);
    if (hasLogger) execFileSync('logger', ['-n', '127.0.0.1', '-P', udp!, '-d', '--rfc5424', '-t', 'cron', 'udp hello']);
    const want = hasLogger ? 3 : 2;
    await waitUntil(() => count(home, 'net') >= want, 20_000, 'syslog events');
    expect(await c.stop()).toBe(0);
    const got = rows(home, 'net');
    const ssh = got.find((r) => r.text.includes('Failed password'))!;
    expect(ssh.host).toBe('router1');
    expect(JSON.parse(ssh.extracted_fields)).toMatchObject({ facility: 'auth', severity: 'crit', app: 'sshd', procid: '42', msgid: 'ID47', structured_data: { 'exampleSDID@32473': { iut: '3' } } });
    expect(JSON.parse(got.find((r) => r.text.includes('upstream'))!.extracted_fields)).toMatchObject({ app: 'nginx', procid: '7', syslog_format: 'rfc3164' });
    const log = readFileSync(join(home, 'var', 'log', 'syslog.log'), 'utf8');
    expect(log).toMatch(/"counters":\{"received":\d+/);
  });

  it('speaks TLS with --tls-cert/--tls-key, and a broken TLS setup is fatal (no plaintext fallback)', async () => {
    const dir = makeTempDir();
    try {
      const ca = makeCa(dir, 'ca');
      const cert = makeCert(dir, { ca, cn: 'localhost', days: 365 });
      const other = makeCert(dir, { ca, cn: 'localhost', days: 365, name: 'other' });
      const bad = fl(['syslog', '--tcp', '--tcp-port', '0', '--tls-cert', cert.cert, '--tls-key', other.key], { home, env });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('DLV_TLS_KEY_MISMATCH');
      const c = await startCollector(['syslog', '--tcp', '--tcp-port', '0', '-i', 'tls', '--use-message-time', '--tls-cert', cert.cert, '--tls-key', cert.key], { home, env, ready: /listening on tls:\/\/127\.0\.0\.1:\d+/ });
      const port = Number(/tls:\/\/127\.0\.0\.1:(\d+)/.exec(c.out())![1]);
      const msg = '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 - An application event';
      await new Promise<void>((resolve, reject) => {
        const s = tlsConnect({ port, host: '127.0.0.1', servername: 'localhost', ca: readFileSync(ca.cert) }, () => s.end(`${Buffer.byteLength(msg)} ${msg}`));
        s.on('close', () => resolve());
        s.on('error', reject);
      });
      await waitUntil(() => count(home, 'tls') === 1, 20_000, 'tls event');
      expect(await c.stop()).toBe(0);
      expect(rows(home, 'tls')[0]!.created).toBe(Date.parse('2003-10-11T22:14:15.003Z') * 1000);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('./fl create-events', () => {
  it('loads a file (one event per line) and stdin with a regex, reporting events/s', async () => {
    const home = tempHome();
    try {
      const f = join(home, 'in.log');
      writeFileSync(f, Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n') + '\n\n');
      const r = fl(['create-events', '-i', 'bulk', f], { home, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Loaded 500 events .* events\/s/);
      const multi = '2024-01-01 first\n  continued\n2024-01-02 second\n';
      const r2 = await flAsync(['create-events', '-i', 'multi', '--event-regex', '^\\d{4}-\\d{2}-\\d{2} [\\s\\S]*?(?=^\\d{4}-|(?![\\s\\S]))', '-'], { home, env, input: multi });
      expect(r2.code).toBe(0);
      expect(count(home, 'bulk')).toBe(500);
      expect(rows(home, 'multi').map((x) => x.text.trim())).toEqual(['2024-01-01 first\n  continued', '2024-01-02 second']);
    } finally {
      rmHome(home);
    }
  });
});

describe('remote mode: a Delve outage mid-stream loses nothing', () => {
  it('syslog TCP and tail-files keep everything while the server is down and deliver it after the restart', async () => {
    const serverHome = tempHome();
    const collectorHome = tempHome();
    try {
      expect(fl(['createsuperuser', '--username', 'admin', '--no-input'], { home: serverHome, env: { ...env, DELVE_SUPERUSER_PASSWORD: PW } }).code).toBe(0);
      const token = fl(['createtoken', 'admin', '--scope', 'ingest'], { home: serverHome, env }).stdout.trim();
      expect(token).toMatch(/^dlv_/);
      const port = await freePort();
      let server = await startFl(['--port', String(port)], { home: serverHome, env });
      const remote = { ...env, DELVE_TOKEN: token };
      const sys = await startCollector(['syslog', '--tcp', '--tcp-port', '0', '-i', 'fwd', '--server', server.url, '--stats-interval', '0'], { home: collectorHome, env: remote, ready: /tcp:\/\/127\.0\.0\.1:\d+/ });
      const tcp = Number(/tcp:\/\/127\.0\.0\.1:(\d+)/.exec(sys.out())![1]);
      const logFile = join(collectorHome, 'app.log');
      writeFileSync(logFile, '');
      const tail = await startCollector(['tail-files', '-i', 'tailfwd', '--server', server.url, '--poll-ms', '100', '--stats-interval', '0', join(collectorHome, '*.log')], { home: collectorHome, env: remote, ready: /following/ });
      const burst = async (from: number, n: number): Promise<void> => {
        await sendTcp(tcp, Array.from({ length: n }, (_, i) => `<14>1 2026-11-29T10:00:00Z h app - - - msg ${from + i}`).join('\n') + '\n');
        appendFileSync(logFile, Array.from({ length: n }, (_, i) => `tail line ${from + i}`).join('\n') + '\n');
      };
      await burst(0, 100);
      await waitUntil(() => count(serverHome, 'fwd') === 100 && count(serverHome, 'tailfwd') === 100, 30_000, 'first burst delivered');
      expect(await server.stop()).toBe(0); // outage
      await burst(100, 150);
      await new Promise((r) => setTimeout(r, 1500));
      server = await startFl(['--port', String(port)], { home: serverHome, env });
      await burst(250, 50);
      await waitUntil(() => count(serverHome, 'fwd') === 300 && count(serverHome, 'tailfwd') === 300, 60_000, 'all events after the restart');
      expect(await sys.stop()).toBe(0);
      expect(await tail.stop()).toBe(0);
      expect(await server.stop()).toBe(0);
      const texts = new Set(rows(serverHome, 'fwd').map((r) => /msg (\d+)/.exec(r.text)![1]));
      expect(texts.size).toBe(300); // no loss, no duplicates
      expect(new Set(rows(serverHome, 'tailfwd').map((r) => r.text)).size).toBe(300);
    } finally {
      rmHome(serverHome);
      rmHome(collectorHome);
    }
  });
});
