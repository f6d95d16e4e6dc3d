/** Mutual TLS (DELVE_SSL_CLIENT_AUTH) on a real https server, over TLS 1.3 and TLS 1.2. */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCa, makeCert, makeClientCert, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert,
} from '../../../test/helpers/certs.js';
import { loadTlsMaterial, type TlsSettings } from './index.js';

let dir: string;
let ca: CertAuthority;
let server: IssuedCert;
let alice: IssuedCert;
let mallory: IssuedCert;
let expiredClient: IssuedCert;
const servers: Server[] = [];

beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'ca');
  const rogue = makeCa(dir, 'rogue-ca');
  server = makeCert(dir, { ca, cn: 'localhost' });
  alice = makeClientCert(dir, { ca, cn: 'alice' });
  mallory = makeClientCert(dir, { ca: rogue, cn: 'alice' });
  expiredClient = makeClientCert(dir, { ca, cn: 'alice', expired: true });
});
afterAll(() => {
  for (const s of servers) s.close();
  removeTempDir(dir);
});

async function serve(clientAuth: TlsSettings['clientAuth']): Promise<number> {
  const m = loadTlsMaterial({
    privateKey: server.key, certificate: server.cert, caCertificate: ca.cert, module: 'builtin', clientAuth, debug: false,
  });
  if (m === null) throw new Error('TLS off');
  const s = createServer(m.secureOptions, (req, res) => {
    const sock = req.socket as TLSSocket;
    const peer = sock.getPeerCertificate();
    res.end(JSON.stringify({ authorized: sock.authorized, cn: peer.subject?.CN ?? null }));
  });
  servers.push(s);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return (s.address() as AddressInfo).port;
}

type Reply = { authorized: boolean; cn: string | null };

function get(port: number, client: IssuedCert | undefined, maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, servername: 'localhost', path: '/', agent: false, ca: readFileSync(ca.cert), maxVersion,
      ...(client === undefined ? {} : { key: readFileSync(client.key), cert: readFileSync(client.cert) }),
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve(JSON.parse(body) as Reply));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(['TLSv1.3', 'TLSv1.2'] as const)('mutual TLS over %s', (version) => {
  it('required: only clients with a certificate from the configured CA get through', async () => {
    const port = await serve('required');
    await expect(get(port, undefined, version)).rejects.toThrow();
    await expect(get(port, mallory, version)).rejects.toThrow();
    await expect(get(port, expiredClient, version)).rejects.toThrow();
    expect(await get(port, alice, version)).toEqual({ authorized: true, cn: 'alice' });
  });

  it('optional: everyone connects, only CA-signed certificates are marked authorized', async () => {
    const port = await serve('optional');
    expect(await get(port, undefined, version)).toMatchObject({ authorized: false });
    expect(await get(port, mallory, version)).toEqual({ authorized: false, cn: 'alice' });
    expect(await get(port, alice, version)).toEqual({ authorized: true, cn: 'alice' });
  });

  it('none: no client certificate is requested', async () => {
    const port = await serve('none');
    expect(await get(port, alice, version)).toEqual({ authorized: false, cn: null });
  });
});
