import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeClientCert, makeKey, makeTempDir, removeTempDir, type CertAuthority, type IssuedCert } from '../../../test/helpers/certs.js';
import { DelveError } from '../../errors.js';
import type { EventSink, IngestEvent } from '../sink.js';
import { loadSyslogTls, startSyslogServer, type SyslogServer } from './index.js';

class MemorySink implements EventSink {
  events: IngestEvent[] = [];
  async write(events: IngestEvent[]): Promise<void> { this.events.push(...events); }
  async close(): Promise<void> {}
}

const logger = { info() {}, warn() {}, error() {} };
let dir: string;
let ca: CertAuthority;
let serverCert: IssuedCert;
let clientCert: IssuedCert;
let server: SyslogServer | undefined;

beforeAll(() => {
  dir = makeTempDir();
  ca = makeCa(dir, 'syslog-ca');
  serverCert = makeCert(dir, { ca, cn: 'localhost' });
  clientCert = makeClientCert(dir, { ca, cn: 'sender' });
});
afterAll(() => removeTempDir(dir));
afterEach(async () => {
  await server?.close(5000);
  server = undefined;
});

async function startTls(flags: Parameters<typeof loadSyslogTls>[0], sink: EventSink): Promise<SyslogServer> {
  const material = loadSyslogTls(flags);
  server = await startSyslogServer({
    tcp: { host: '127.0.0.1', port: 0, tls: material!.options },
    defaults: { index: 'main', source: 'syslog', sourcetype: 'syslog' }, useMessageTime: false, sink, logger,
    batch: { maxDelayMs: 10 },
  });
  return server;
}

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Connects with TLS, sends `data`, ends; resolves with the negotiated protocol or rejects with the TLS error. */
function sendTls(port: number, data: string, opts: tls.ConnectionOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    let protocol = '';
    const c = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: readFileSync(ca.cert), ...opts }, () => {
      protocol = c.getProtocol() ?? '';
      c.end(data);
    });
    c.on('error', reject);
    c.on('data', () => undefined);
    c.on('close', () => (protocol === '' ? reject(new Error('closed before the handshake')) : resolve(protocol)));
  });
}

const MSG = '<165>1 2024-01-02T03:04:05Z tlshost app - - - over tls';
const framed = `${Buffer.byteLength(MSG)} ${MSG}`;

describe('syslog over TLS (RFC 5425)', () => {
  it('receives octet-counted messages over TLS 1.2+', async () => {
    const sink = new MemorySink();
    const s = await startTls({ cert: serverCert.cert, key: serverCert.key }, sink);
    const protocol = await sendTls(s.tcpPort!, framed + framed);
    expect(['TLSv1.2', 'TLSv1.3']).toContain(protocol);
    await waitFor(() => sink.events.length === 2, 'two events');
    expect(sink.events[0]).toMatchObject({ text: MSG, host: 'tlshost' });
  });

  it('never accepts plaintext on the TLS port', async () => {
    const sink = new MemorySink();
    const s = await startTls({ cert: serverCert.cert, key: serverCert.key }, sink);
    await new Promise<void>((resolve) => {
      const c = net.connect(s.tcpPort!, '127.0.0.1', () => c.write(`${MSG}\n${framed}`));
      c.on('error', () => resolve());
      c.on('close', () => resolve());
    });
    await waitFor(() => s.counters().tlsErrors === 1, 'the handshake failure to be counted');
    await s.flush(1000);
    expect(sink.events).toHaveLength(0);
  });

  it('refuses obsolete protocol versions and non-ECDHE ciphers (hardened defaults)', async () => {
    const s = await startTls({ cert: serverCert.cert, key: serverCert.key }, new MemorySink());
    await expect(sendTls(s.tcpPort!, framed, { minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).rejects.toThrow();
    await expect(sendTls(s.tcpPort!, framed, { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' })).rejects.toThrow();
  });

  it('with client auth required, rejects a sender without a certificate and accepts one with a CA-signed certificate', async () => {
    const sink = new MemorySink();
    const s = await startTls({ cert: serverCert.cert, key: serverCert.key, ca: ca.cert, clientAuth: 'required' }, sink);
    // With TLS 1.3 the client may finish its side of the handshake before the server refuses its certificate,
    // so what counts is the server: the handshake fails there and nothing from these senders is stored.
    await sendTls(s.tcpPort!, framed).catch(() => undefined);
    const otherCa = makeCa(dir, 'other-ca');
    const stranger = makeClientCert(dir, { ca: otherCa, cn: 'stranger' });
    await sendTls(s.tcpPort!, framed, { key: readFileSync(stranger.key), cert: readFileSync(stranger.cert) }).catch(() => undefined);
    await waitFor(() => s.counters().tlsErrors === 2, 'both handshakes to fail');
    expect(await s.flush(1000)).toBe(true);
    expect(sink.events).toHaveLength(0);
    await sendTls(s.tcpPort!, framed, { key: readFileSync(clientCert.key), cert: readFileSync(clientCert.cert) });
    await waitFor(() => sink.events.length === 1, 'one event');
    expect(s.counters().received).toBe(1);
  });
});

describe('loadSyslogTls: a TLS setup error is fatal, never a plaintext fallback', () => {
  it('throws on a key that does not match the certificate, naming the flag', () => {
    const wrongKey = makeKey(`${dir}/wrong.key`);
    const err = captureError(() => loadSyslogTls({ cert: serverCert.cert, key: wrongKey }));
    expect(err).toBeInstanceOf(DelveError);
    expect(err.code).toBe('DLV_TLS_KEY_MISMATCH');
    expect(err.message).toContain('--tls-key');
    expect(err.message).not.toContain('DELVE_SSL');
  });

  it('throws when only one of --tls-cert / --tls-key is given, or mutual TLS lacks a CA', () => {
    expect(captureError(() => loadSyslogTls({ cert: serverCert.cert })).message).toContain('--tls-key');
    expect(captureError(() => loadSyslogTls({ key: serverCert.key })).message).toContain('--tls-cert');
    expect(captureError(() => loadSyslogTls({ cert: serverCert.cert, key: serverCert.key, clientAuth: 'required' })).code).toBe('DLV_TLS_CONFIG');
    expect(captureError(() => loadSyslogTls({ ca: ca.cert, clientAuth: 'required' })).code).toBe('DLV_TLS_CONFIG');
    expect(captureError(() => loadSyslogTls({ cert: `${dir}/missing.pem`, key: serverCert.key })).code).toBe('DLV_TLS_FILE_UNREADABLE');
  });

  it('returns null only when no TLS flag is given', () => {
    expect(loadSyslogTls({})).toBeNull();
  });

  it('startSyslogServer fails (and listens on nothing) when the TLS options are unusable', async () => {
    await expect(startSyslogServer({
      tcp: { host: '127.0.0.1', port: 0, tls: { key: 'not a key', cert: 'not a cert' } },
      defaults: { index: 'main', source: 's', sourcetype: 't' }, useMessageTime: false, sink: new MemorySink(), logger,
    })).rejects.toMatchObject({ code: 'DLV_TLS_CONFIG' });
  });
});

function captureError(fn: () => unknown): DelveError {
  try {
    fn();
  } catch (e) {
    return e as DelveError;
  }
  throw new Error('expected an error');
}
