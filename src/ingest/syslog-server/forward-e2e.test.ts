import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/helpers/certs.js';
import { RemoteSink, SpoolSink } from '../forward/index.js';
import type { IngestEvent } from '../sink.js';
import { startSyslogServer } from './index.js';

const logger = { info() {}, warn() {}, error() {} };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function waitFor(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('syslog → spool → remote Delve', () => {
  it('loses no accepted TCP message while the remote is down: the spool fills, TCP pauses, then all arrive in order', async () => {
    let up = false;
    const got: string[] = [];
    const remote = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => {
        if (up) for (const l of body.trimEnd().split('\n')) got.push((JSON.parse(l) as IngestEvent).text);
        res.writeHead(up ? 201 : 503).end();
      });
    });
    await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => { remote.closeAllConnections(); remote.close(() => r()); }));
    const tmp = makeTempDir('delve-fwd-');
    cleanups.push(() => removeTempDir(tmp));
    const spool = SpoolSink.open({
      dir: join(tmp, 'spool', 'syslog'), logger, maxBytes: 64 * 1024, writeTimeoutMs: 120_000, retry: { baseMs: 5, capMs: 20 },
      sender: new RemoteSink({ server: `http://127.0.0.1:${(remote.address() as AddressInfo).port}`, token: 'tok', logger }),
    });
    cleanups.push(() => spool.close());
    const server = await startSyslogServer({
      tcp: { host: '127.0.0.1', port: 0 }, defaults: { index: 'main', source: 'syslog', sourcetype: 'syslog' },
      useMessageTime: false, sink: spool, logger, batch: { maxEvents: 100, maxDelayMs: 5 },
    });
    cleanups.push(async () => { await server.close(5000); });

    const total = 20_000;
    const lines = Array.from({ length: total }, (_, i) => `<13>msg ${String(i).padStart(6, '0')}`);
    const client = net.connect(server.tcpPort!, '127.0.0.1');
    client.on('error', () => undefined);
    cleanups.push(() => { client.destroy(); });
    client.end(lines.join('\n') + '\n');

    await waitFor(() => server.counters().paused === 1, 'TCP to pause on the full spool');
    expect(server.counters().spooled).toBeLessThan(total);
    expect(spool.counters().spoolBytes).toBeLessThanOrEqual(64 * 1024);
    up = true;
    await waitFor(() => got.length === total, 'every message at the remote', 60_000);
    expect(got).toEqual(lines);
    expect(server.counters()).toMatchObject({ received: total, stored: total, dropped: 0, spooled: total });
  });
});
