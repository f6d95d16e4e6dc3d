/**
 * The default options against real clients: only TLS 1.2+ with ECDHE + AEAD suites is negotiable.
 * Each refusal has a control showing the same client succeeds against a server that allows it, so the test
 * cannot pass because the client itself is unable to speak that protocol.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../../../test/helpers/certs.js';
import { loadTlsMaterial, type TlsSettings } from './index.js';

let dir: string;
let ca: CertAuthority;
let rsa: IssuedCert;
const servers: Server[] = [];

beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'ca');
  rsa = makeCert(dir, { ca, cn: 'localhost', keyType: 'rsa' });
});
afterAll(async () => {
  for (const s of servers) s.close();
  removeTempDir(dir);
});

async function serve(over: Partial<TlsSettings> = {}): Promise<number> {
  const m = loadTlsMaterial({ privateKey: rsa.key, certificate: rsa.cert, module: 'builtin', clientAuth: 'none', debug: false, ...over });
  if (m === null) throw new Error('TLS off');
  const server = createServer(m.secureOptions, (_req, res) => res.end('ok'));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

type Handshake = { ok: true; protocol: string | null; cipher: string } | { ok: false; error: string };

/** Complete a TLS handshake (or fail) with the given client options. */
function handshake(port: number, opts: ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket: TLSSocket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(ca.cert), ...opts });
    socket.once('secureConnect', () => {
      resolve({ ok: true, protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      socket.end();
    });
    socket.once('error', (e) => resolve({ ok: false, error: e.message }));
  });
}

const LEGACY = { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0' } as const;

describe('default TLS options on a real https server', () => {
  it('refuses TLS 1.1 (control: a TLSv1.1-enabled server accepts the same client)', async () => {
    const port = await serve();
    expect((await handshake(port, LEGACY)).ok).toBe(false);
    const legacyPort = await serve({ minVersion: 'TLSv1.1', ciphers: 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0' });
    expect(await handshake(legacyPort, LEGACY)).toMatchObject({ ok: true, protocol: 'TLSv1.1' });
  });

  it('refuses TLS 1.2 CBC and static-RSA suites (control: allowed when configured)', async () => {
    const port = await serve();
    const cbc = { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA256' } as const;
    const staticRsa = { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } as const;
    expect((await handshake(port, cbc)).ok).toBe(false);
    expect((await handshake(port, staticRsa)).ok).toBe(false);
    const weakPort = await serve({ ciphers: 'ECDHE-RSA-AES128-SHA256:AES128-GCM-SHA256' });
    expect(await handshake(weakPort, cbc)).toMatchObject({ ok: true, cipher: 'ECDHE-RSA-AES128-SHA256' });
    expect(await handshake(weakPort, staticRsa)).toMatchObject({ ok: true, cipher: 'AES128-GCM-SHA256' });
  });

  it('accepts TLS 1.2 ECDHE-GCM / ChaCha20 and TLS 1.3', async () => {
    const port = await serve();
    for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384', 'ECDHE-RSA-CHACHA20-POLY1305']) {
      expect(await handshake(port, { maxVersion: 'TLSv1.2', ciphers: cipher })).toMatchObject({ ok: true, protocol: 'TLSv1.2', cipher });
    }
    expect(await handshake(port, {})).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('offers only the configured curves', async () => {
    const port = await serve();
    expect((await handshake(port, { maxVersion: 'TLSv1.2', ecdhCurve: 'secp521r1' })).ok).toBe(false);
    expect((await handshake(port, { maxVersion: 'TLSv1.2', ecdhCurve: 'X25519' })).ok).toBe(true);
  });

  it('TLSv1.3 minimum refuses TLS 1.2 clients', async () => {
    const port = await serve({ minVersion: 'TLSv1.3' });
    expect((await handshake(port, { maxVersion: 'TLSv1.2' })).ok).toBe(false);
    expect(await handshake(port, {})).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('refuses client-initiated renegotiation', async () => {
    const port = await serve();
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: readFileSync(ca.cert), maxVersion: 'TLSv1.2' });
    await once(socket, 'secureConnect');
    const outcome = await new Promise<string>((resolve) => {
      socket.once('error', () => resolve('refused'));
      socket.once('close', () => resolve('refused'));
      const started = socket.renegotiate({ rejectUnauthorized: true }, (err) => resolve(err ? 'refused' : 'renegotiated'));
      if (!started) resolve('refused');
      socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'); // drive the handshake
    });
    socket.destroy();
    expect(outcome).toBe('refused');
  });
});
