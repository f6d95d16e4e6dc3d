/**
 * Hot reload against a real https server: files are replaced the ways operators and ACME clients do it, and
 * new connections must see the new certificate while existing connections keep working.
 */
import { once } from 'node:events';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, createServer, get, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../../../test/helpers/certs.js';
import { createTlsReloader, type ReloadResult, type TlsReloader, type TlsSettings } from './index.js';

type Entry = { level: 'info' | 'warn' | 'error'; obj: Record<string, unknown>; msg: string };
const logs: Entry[] = [];
const logger = {
  info: (obj: object, msg: string) => logs.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
  warn: (obj: object, msg: string) => logs.push({ level: 'warn', obj: obj as Record<string, unknown>, msg }),
  error: (obj: object, msg: string) => logs.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
};

let dir: string;
let ca: CertAuthority;
let caPem: Buffer;
let keyPath: string;
let certPath: string;
let settings: TlsSettings;
let server: Server;
let port: number;
let reloader: TlsReloader;
const results: ReloadResult[] = [];
const certs: IssuedCert[] = [];
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  dir = makeTempDir();
  ca = makeCa(dir, 'ca');
  caPem = readFileSync(ca.cert);
  for (let i = 0; i < 6; i++) certs.push(makeCert(dir, { ca, cn: 'localhost', name: `c${i}` }));
  keyPath = join(dir, 'live.key');
  certPath = join(dir, 'live.pem');
  install(cert(0), 'rename');
  settings = { privateKey: keyPath, certificate: certPath, module: 'builtin', clientAuth: 'none', debug: false };
  reloader = createTlsReloader({
    settings, logger, pollMs: 100, apply: (o) => server.setSecureContext(o), onResult: (r) => results.push(r),
  });
  server = createServer(reloader.current().secureOptions, (_req, res) => res.end('ok'));
  server.keepAliveTimeout = 60_000; // the keep-alive socket must outlive the reload
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  reloader.start();
});
afterAll(() => {
  reloader.stop();
  keepAlive.destroy();
  server.close();
  removeTempDir(dir);
});

function cert(i: number): IssuedCert {
  const c = certs[i];
  if (c === undefined) throw new Error(`no cert ${i}`);
  return c;
}

/** Put a key/cert pair in place: atomically (write temp + rename) or by overwriting the live files. */
function install(pair: { key: string; cert: string }, how: 'rename' | 'in-place'): void {
  for (const [src, dst] of [[pair.key, keyPath], [pair.cert, certPath]] as const) {
    if (how === 'rename') {
      copyFileSync(src, `${dst}.tmp`);
      renameSync(`${dst}.tmp`, dst);
    } else {
      writeFileSync(dst, readFileSync(src));
    }
  }
}

type Seen = { serial: string; localPort: number | undefined };

/** GET / and report which certificate served the connection it used. */
function fetchSerial(agent: Agent | false): Promise<Seen> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, servername: 'localhost', path: '/', agent, ca: caPem }, (res) => {
      const sock = res.socket as TLSSocket;
      const seen = { serial: sock.getPeerCertificate().serialNumber, localPort: sock.localPort };
      res.resume();
      res.on('end', () => resolve(seen));
    }).on('error', reject);
  });
}

/** Wait (bounded) until `check` holds; waiting is not asserted, only the final state is. */
async function eventually(check: () => Promise<boolean> | boolean, what: string, limitMs = 8000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const newConnectionServes = (serial: string) => async () => (await fetchSerial(false)).serial === serial;

describe('createTlsReloader with a live https server', () => {
  it('serves the initial pair', async () => {
    expect((await fetchSerial(false)).serial).toBe(cert(0).serial);
    expect(reloader.current().info.serialNumber).toBe(cert(0).serial);
  });

  it('atomic rename: new connections get the new certificate, an open keep-alive connection keeps working', async () => {
    const before = await fetchSerial(keepAlive);
    expect(before.serial).toBe(cert(0).serial);
    install(cert(1), 'rename');
    await eventually(newConnectionServes(cert(1).serial), 'the renamed pair to be served');
    const again = await fetchSerial(keepAlive);
    expect(again.localPort).toBe(before.localPort); // same socket, still completing requests
    expect(again.serial).toBe(cert(0).serial);
    expect(logs.some((l) => l.level === 'info' && l.obj.serial === cert(1).serial)).toBe(true);
    expect(reloader.current().info.serialNumber).toBe(cert(1).serial);
  });

  it('in-place overwrite is picked up too', async () => {
    install(cert(2), 'in-place');
    await eventually(newConnectionServes(cert(2).serial), 'the overwritten pair to be served');
  });

  it('a broken pair (key of another certificate) is rejected and the old certificate keeps serving', async () => {
    const errorsBefore = logs.filter((l) => l.level === 'error').length;
    copyFileSync(cert(3).cert, `${certPath}.tmp`);
    renameSync(`${certPath}.tmp`, certPath); // cert 3 next to key 2
    await eventually(() => logs.filter((l) => l.level === 'error').length > errorsBefore, 'the rejection to be logged');
    const err = logs.filter((l) => l.level === 'error').at(-1);
    expect(err?.obj).toMatchObject({ code: 'DLV_TLS_KEY_MISMATCH', serial: cert(2).serial });
    expect((await fetchSerial(false)).serial).toBe(cert(2).serial);
    expect(reloader.current().info.serialNumber).toBe(cert(2).serial);
    const forced = reloader.reload();
    expect(forced.ok).toBe(false);
    if (!forced.ok) expect(forced.error.code).toBe('DLV_TLS_KEY_MISMATCH');
    expect(results.at(-1)).toBe(forced);
  });

  it('a half-written certificate is never applied; the completed write is', async () => {
    const full = readFileSync(cert(4).cert);
    const errorsBefore = logs.filter((l) => l.level === 'error').length;
    writeFileSync(certPath, full.subarray(0, Math.floor(full.length / 2)));
    await eventually(() => logs.slice(errorsBefore).some((l) => l.level === 'error' && l.obj.code === 'DLV_TLS_CERT_INVALID'),
      'the truncated file to be rejected');
    expect((await fetchSerial(false)).serial).toBe(cert(2).serial);
    writeFileSync(keyPath, readFileSync(cert(4).key));
    writeFileSync(certPath, full);
    await eventually(newConnectionServes(cert(4).serial), 'the completed pair to be served');
  });

  it('reload() applies immediately, without waiting for the poller', async () => {
    reloader.stop();
    install(cert(5), 'rename');
    const r = reloader.reload();
    expect(r).toMatchObject({ ok: true, changed: true });
    expect((await fetchSerial(false)).serial).toBe(cert(5).serial);
    const again = reloader.reload();
    expect(again).toMatchObject({ ok: true, changed: false });
  });

  it('can apply through getServer() and refuses to start when TLS is off', () => {
    const r = createTlsReloader({ settings, logger, getServer: () => server }).reload();
    expect(r.ok).toBe(true);
    expect(() => createTlsReloader({ settings: { ...settings, privateKey: undefined, certificate: undefined }, logger, apply: () => {} }))
      .toThrow(expect.objectContaining({ code: 'DLV_TLS_CONFIG' }));
  });
});
