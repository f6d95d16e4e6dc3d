import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventSink, IngestEvent } from '../sink.js';
import { startSyslogServer, type SyslogServer } from './index.js';

/** A sink whose writes wait until `open()` (back-pressure from a slow database or a full spool). */
class GateSink implements EventSink {
  events: IngestEvent[] = [];
  writes = 0;
  private gate: Promise<void>;
  private release!: () => void;
  constructor() {
    this.gate = new Promise((r) => { this.release = r; });
  }
  open(): void {
    this.release();
  }
  async write(events: IngestEvent[]): Promise<void> {
    this.writes++;
    await this.gate;
    this.events.push(...events);
  }
  async close(): Promise<void> {}
}

/** A sink that rejects its first `failures` writes. */
class FlakySink implements EventSink {
  events: IngestEvent[] = [];
  constructor(private failures: number) {}
  async write(events: IngestEvent[]): Promise<void> {
    if (this.failures-- > 0) throw new Error('database is locked');
    this.events.push(...events);
  }
  async close(): Promise<void> {}
}

const warnings: string[] = [];
const logger = { info() {}, warn(_o: object, msg?: string) { warnings.push(msg ?? ''); }, error() {} };
const defaults = { index: 'main', source: 'syslog', sourcetype: 'syslog' };
let server: SyslogServer | undefined;
afterEach(async () => {
  await server?.close(5000);
  server = undefined;
  warnings.length = 0;
});

async function waitFor(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('back-pressure and retries', () => {
  it('pauses TCP reading while the sink is blocked, then stores every message in order', async () => {
    const sink = new GateSink();
    const maxEvents = 100;
    server = await startSyslogServer({
      tcp: { host: '127.0.0.1', port: 0 }, defaults, useMessageTime: false, sink, logger,
      batch: { maxEvents, maxDelayMs: 5 },
    });
    const total = 100_000; // ~20 MB: more than the loopback socket buffers can hold
    const pad = 'x'.repeat(180);
    const lines: string[] = [];
    for (let i = 0; i < total; i++) lines.push(`<13>${String(i).padStart(6, '0')} ${pad}\n`);
    const client = net.connect(server.tcpPort!, '127.0.0.1');
    client.on('error', () => undefined);
    await new Promise((r) => client.once('connect', r));
    client.write(lines.join(''));
    client.end();

    await waitFor(() => server!.counters().paused === 1, 'TCP reading to pause');
    await new Promise((r) => setTimeout(r, 300));
    const c = server.counters();
    // The server stopped reading: memory stays bounded and the rest waits in the socket buffers / the client.
    expect(c.received).toBeLessThan(total);
    expect(c.queued).toBeLessThanOrEqual(4 * maxEvents + 2000);
    expect(c.stored).toBe(0);
    expect(sink.writes).toBe(1); // one write at a time
    expect(client.writableLength).toBeGreaterThan(0); // the sender cannot get rid of its data

    sink.open();
    await waitFor(() => server!.counters().stored === total, 'every message to be stored');
    expect(sink.events.map((e) => e.text.slice(4, 10))).toEqual(lines.map((l) => l.slice(4, 10)));
    expect(server.counters()).toMatchObject({ received: total, dropped: 0, paused: 0 });
    client.destroy();
  });

  it('drops UDP messages above the queue bound, counts them and logs once', async () => {
    const sink = new GateSink();
    server = await startSyslogServer({
      udp: { host: '127.0.0.1', port: 0 }, defaults, useMessageTime: false, sink, logger,
      batch: { maxEvents: 10, maxDelayMs: 5, maxQueued: 50 },
    });
    const s = dgram.createSocket('udp4');
    for (let i = 0; i < 200; i++) {
      await new Promise<void>((r) => s.send(`<13>udp ${i}`, server!.udpPort!, '127.0.0.1', () => r()));
    }
    s.close();
    await waitFor(() => server!.counters().received + 0 >= 100 && server!.counters().dropped > 0, 'drops');
    sink.open();
    expect(await server.flush(10_000)).toBe(true);
    const c = server.counters();
    expect(c.stored + c.dropped).toBe(c.received);
    expect(c.stored).toBeLessThanOrEqual(50);
    expect(warnings.filter((w) => w.startsWith('Dropping UDP'))).toHaveLength(1);
  });

  it('retries a failing sink with the same batch until it succeeds, losing nothing', async () => {
    const sink = new FlakySink(3);
    server = await startSyslogServer({
      tcp: { host: '127.0.0.1', port: 0 }, defaults, useMessageTime: false, sink, logger, batch: { maxDelayMs: 5 },
    });
    const c = net.connect(server.tcpPort!, '127.0.0.1', () => c.end('<13>a\n<13>b\n<13>c\n'));
    await waitFor(() => sink.events.length === 3, 'three events after retries');
    expect(sink.events.map((e) => e.text)).toEqual(['<13>a', '<13>b', '<13>c']);
    expect(server.counters()).toMatchObject({ stored: 3, retried: 3 });
  });
});
