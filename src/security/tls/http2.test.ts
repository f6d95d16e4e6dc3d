/** DELVE_SSL_MODULE=http2: one port serves h2 (ALPN) and HTTP/1.1 clients with the same hardened options. */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { connect, createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir, type CertAuthority } from '../../../test/helpers/certs.js';
import { loadTlsMaterial } from './index.js';

let dir: string;
let ca: CertAuthority;
let server: Http2SecureServer;
let port: number;

beforeAll(async () => {
  dir = makeTempDir();
  ca = makeCa(dir, 'ca');
  const cert = makeCert(dir, { ca, cn: 'localhost' });
  const m = loadTlsMaterial({ privateKey: cert.key, certificate: cert.cert, module: 'http2', clientAuth: 'none', debug: false });
  if (m === null) throw new Error('TLS off');
  server = createSecureServer(m.secureOptions, (req, res) => res.end(`hello over ${req.httpVersion}`));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  removeTempDir(dir);
});

describe('http2 module options', () => {
  it('serve an h2 client', async () => {
    const session = connect(`https://localhost:${port}`, { ca: readFileSync(ca.cert), host: '127.0.0.1' });
    try {
      const stream = session.request({ ':path': '/' });
      let body = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => { body += c; });
      const [headers] = (await once(stream, 'response')) as [Record<string, unknown>];
      await once(stream, 'end');
      expect(headers[':status']).toBe(200);
      expect(body).toBe('hello over 2.0');
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
  });

  it('serve an HTTP/1.1 client on the same port', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      get({ host: '127.0.0.1', port, servername: 'localhost', path: '/', agent: false, ca: readFileSync(ca.cert) }, (res) => {
        let b = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { b += c; });
        res.on('end', () => resolve(b));
      }).on('error', reject);
    });
    expect(body).toBe('hello over 1.1');
  });

  it('keep the TLS 1.2+ minimum', async () => {
    const session = connect(`https://localhost:${port}`, { ca: readFileSync(ca.cert), host: '127.0.0.1', maxVersion: 'TLSv1.1',
      minVersion: 'TLSv1.1', ciphers: 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' });
    const [err] = (await once(session, 'error')) as [Error];
    expect(err).toBeInstanceOf(Error);
    session.destroy();
  });
});
