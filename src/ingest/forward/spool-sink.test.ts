import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/helpers/certs.js';
import type { IngestEvent } from '../sink.js';
import { RemoteSink, SpoolSink, type SpoolOptions } from './index.js';

type Reply = { status: number; headers?: Record<string, string> };

/** A remote Delve stand-in: `answer()` decides each reply; received events are kept in arrival order. */
async function fakeRemote(answer: (n: number) => Reply) {
  const events: string[] = [];
  const times: number[] = [];
  let requests = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      times.push(Date.now());
      const r = answer(++requests);
      if (r.status >= 200 && r.status < 300) for (const l of body.trimEnd().split('\n')) events.push((JSON.parse(l) as IngestEvent).text);
      res.writeHead(r.status, r.headers).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, events, times,
    get requests() { return requests; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const logger = { info() {}, warn() {}, error() {} };
const ev = (i: number): IngestEvent => ({ index: 'main', host: 'h', source: 's', sourcetype: 't', text: `e${i}` });
const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => ev(from + i));
const texts = (from: number, n: number) => batch(from, n).map((e) => e.text);
let dir: string;
const cleanups: Array<() => Promise<void>> = [];
beforeEach(() => { dir = join(makeTempDir('delve-spool-'), 'spool', 'syslog'); });
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  removeTempDir(join(dir, '..', '..'));
});

function openSpool(url: string, extra: Partial<SpoolOptions> = {}): SpoolSink {
  const sender = new RemoteSink({ server: url, token: 'tok', logger });
  const s = SpoolSink.open({ dir, sender, logger, retry: { baseMs: 1, capMs: 20 }, ...extra });
  cleanups.push(() => s.close());
  return s;
}

async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('SpoolSink', () => {
  it('survives a remote outage (503s) with zero loss and the original order', async () => {
    const remote = await fakeRemote((n) => ({ status: n <= 5 ? 503 : 201 }));
    cleanups.push(remote.close);
    const s = openSpool(remote.url);
    for (let b = 0; b < 20; b++) await s.write(batch(b * 50, 50));
    expect(s.counters().spooled).toBe(1000);
    expect(await s.drain(15_000)).toBe(true);
    expect(remote.events).toEqual(texts(0, 1000));
    expect(s.counters()).toMatchObject({ forwarded: 1000, retried: 5, rejected: 0, spoolBytes: 0 });
  });

  it('honours Retry-After', async () => {
    const remote = await fakeRemote((n) => (n === 1 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 201 }));
    cleanups.push(remote.close);
    const s = openSpool(remote.url); // back-off alone would wait a few ms
    await s.write(batch(0, 3));
    expect(await s.drain(10_000)).toBe(true);
    expect(remote.times[1]! - remote.times[0]!).toBeGreaterThanOrEqual(950);
    expect(remote.events).toEqual(texts(0, 3));
  });

  it('ships unsent batches after a restart, without re-sending acknowledged ones', async () => {
    let up = true;
    const remote = await fakeRemote(() => ({ status: up ? 201 : 503 }));
    cleanups.push(remote.close);
    const first = openSpool(remote.url);
    await first.write(batch(0, 10));
    expect(await first.drain(10_000)).toBe(true);
    up = false;
    for (let b = 1; b < 5; b++) await first.write(batch(b * 10, 10));
    await waitFor(() => first.counters().retried > 0, 'a failed attempt');
    await first.close();
    expect(remote.events).toEqual(texts(0, 10));
    up = true;
    const second = openSpool(remote.url);
    expect(await second.drain(10_000)).toBe(true);
    expect(remote.events).toEqual(texts(0, 50));
  });

  it('recovers after a crash: a torn last record is cut and a stale lock is taken over', async () => {
    const remote = await fakeRemote(() => ({ status: 201 }));
    cleanups.push(remote.close);
    const s = openSpool(remote.url, { maxBytes: 1 }); // nothing fits: nothing is shipped yet
    await s.close();
    const seg = join(dir, 'seg-000000000007.ndjson');
    writeFileSync(seg, `${JSON.stringify(batch(0, 2))}\n${JSON.stringify(batch(2, 2))}\n`, { mode: 0o600 });
    appendFileSync(seg, JSON.stringify(batch(4, 2)).slice(0, 30)); // the crash hit mid-write
    writeFileSync(join(dir, 'lock'), '999999999');
    const again = openSpool(remote.url);
    expect(await again.drain(10_000)).toBe(true);
    expect(remote.events).toEqual(texts(0, 4));
    await again.write(batch(10, 1));
    expect(await again.drain(10_000)).toBe(true);
    expect(remote.events).toEqual([...texts(0, 4), 'e10']);
  });

  it('sets a batch refused with 4xx aside in rejected.ndjson and goes on with the next', async () => {
    const remote = await fakeRemote((n) => ({ status: n === 1 ? 400 : 201 }));
    cleanups.push(remote.close);
    const s = openSpool(remote.url);
    await s.write(batch(0, 2));
    expect(await s.drain(10_000)).toBe(true);
    await s.write(batch(2, 2));
    expect(await s.drain(10_000)).toBe(true);
    expect(remote.events).toEqual(texts(2, 2));
    const file = join(dir, 'rejected.ndjson');
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as IngestEvent).text)).toEqual(texts(0, 2));
    expect(s.counters()).toMatchObject({ rejected: 2, forwarded: 2 });
  });

  it('when full, write() waits for space (back-pressure), and rejects with DLV_SPOOL_FULL after its timeout', async () => {
    let up = false;
    const remote = await fakeRemote(() => ({ status: up ? 201 : 503 }));
    cleanups.push(remote.close);
    const one = Buffer.byteLength(JSON.stringify(batch(10, 5)) + '\n'); // every batch below has this size
    const s = openSpool(remote.url, { maxBytes: one * 3, writeTimeoutMs: 60_000 });
    for (let b = 0; b < 3; b++) await s.write(batch(10 + b * 5, 5));
    let done = false;
    const pending = s.write(batch(25, 5)).then(() => { done = true; });
    await waitFor(() => remote.requests >= 3, 'a few failed attempts');
    expect(done).toBe(false);
    expect(s.counters().spoolBytes).toBeLessThanOrEqual(one * 3);
    up = true;
    await pending;
    expect(await s.drain(10_000)).toBe(true);
    expect(remote.events).toEqual(texts(10, 20));

    up = false;
    const t = openSpoolSecond(remote.url, Buffer.byteLength(JSON.stringify(batch(100, 5)) + '\n'));
    await t.write(batch(100, 5));
    await expect(t.write(batch(105, 5))).rejects.toMatchObject({ code: 'DLV_SPOOL_FULL' });
  });

  it('keeps its files private and refuses a second user of the same directory', async () => {
    const remote = await fakeRemote(() => ({ status: 503 }));
    cleanups.push(remote.close);
    const s = openSpool(remote.url);
    await s.write(batch(0, 1));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of readdirSync(dir).filter((n) => n.startsWith('seg-'))) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    expect(() => SpoolSink.open({ dir, sender: new RemoteSink({ server: remote.url, token: 't', logger }), logger }))
      .toThrow(expect.objectContaining({ code: 'DLV_SPOOL_IO' }));
  });
});

function openSpoolSecond(url: string, maxBytes: number): SpoolSink {
  const other = join(dir, '..', 'second');
  const s = SpoolSink.open({ dir: other, sender: new RemoteSink({ server: url, token: 'tok', logger }), logger, maxBytes, writeTimeoutMs: 50 });
  cleanups.push(() => s.close());
  return s;
}
