import { execFileSync, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectorLogger } from '../forward/index.js';
import type { EventSink, IngestEvent } from '../sink.js';
import { startSyslogServer, type SyslogServer, type SyslogServerOptions } from './index.js';

/** A sink that keeps what it receives. */
class MemorySink implements EventSink {
  events: IngestEvent[] = [];
  async write(events: IngestEvent[]): Promise<void> {
    this.events.push(...events);
  }
  async close(): Promise<void> {}
}

const logger: CollectorLogger = { info() {}, warn() {}, error() {} };
const defaults = { index: 'net', source: 'syslog', sourcetype: 'text/syslog' };
let server: SyslogServer | undefined;

afterEach(async () => {
  await server?.close(5000);
  server = undefined;
});

async function start(sink: EventSink, extra: Partial<SyslogServerOptions> = {}): Promise<SyslogServer> {
  server = await startSyslogServer({
    udp: { host: '127.0.0.1', port: 0 },
    tcp: { host: '127.0.0.1', port: 0 },
    defaults, useMessageTime: false, sink, logger, batch: { maxDelayMs: 10 }, ...extra,
  });
  return server;
}

async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function sendUdp(port: number, messages: string[]): Promise<void> {
  const s = dgram.createSocket('udp4');
  return new Promise((resolve, reject) => {
    let left = messages.length;
    for (const m of messages) {
      s.send(Buffer.from(m), port, '127.0.0.1', (e) => {
        if (e) reject(e);
        if (--left === 0) { s.close(); resolve(); }
      });
    }
  });
}

function sendTcp(port: number, data: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = net.connect(port, '127.0.0.1', () => c.end(data));
    c.on('close', () => resolve());
    c.on('error', reject);
  });
}

const RFC5424 = '<165>1 2003-10-11T22:14:15.003456Z mymachine.example.com evntslog 1234 ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event';
const RFC3164 = '<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8';

describe('syslog receiver over UDP', () => {
  it('turns RFC 5424 and RFC 3164 datagrams into events with the parsed fields', async () => {
    const sink = new MemorySink();
    const s = await start(sink);
    await sendUdp(s.udpPort!, [RFC5424 + '\n', RFC3164, '<13>no header here']);
    await waitFor(() => sink.events.length === 3, 'three events');
    const byApp = (app: string) => sink.events.find((e) => e.extracted_fields?.app === app);
    const a = byApp('evntslog')!;
    expect(a).toMatchObject({ index: 'net', source: 'syslog', sourcetype: 'text/syslog', host: 'mymachine.example.com', text: RFC5424 });
    expect(a.extracted_fields).toMatchObject({
      syslog_format: 'rfc5424', facility: 'local4', severity: 'notice', procid: '1234', msgid: 'ID47',
      message: 'An application event',
    });
    expect((a.extracted_fields!.structured_data as Record<string, Record<string, string>>)['exampleSDID@32473']).toEqual({ iut: '3', eventSource: 'Application' });
    expect(a.created).toBeUndefined(); // ingest time unless --use-message-time
    const b = byApp('su')!;
    expect(b.host).toBe('mymachine');
    expect(b.extracted_fields).toMatchObject({ syslog_format: 'rfc3164', facility: 'auth', severity: 'crit' });
    const c = sink.events.find((e) => e.text === '<13>no header here')!;
    expect(c.host).toBe('127.0.0.1'); // no HOSTNAME: the sender's address
    expect(s.counters()).toMatchObject({ received: 3, stored: 3, dropped: 0 });
  });

  it('uses the message timestamp as created with useMessageTime, and --host overrides the host', async () => {
    const sink = new MemorySink();
    const s = await start(sink, { useMessageTime: true, defaults: { ...defaults, host: 'override' } });
    await sendUdp(s.udpPort!, [RFC5424]);
    await waitFor(() => sink.events.length === 1, 'one event');
    expect(sink.events[0]!.created).toBe(Date.UTC(2003, 9, 11, 22, 14, 15) * 1000 + 3456);
    expect(sink.events[0]!.host).toBe('override');
  });
});

describe('syslog receiver over TCP', () => {
  it('splits LF-framed and octet-counted messages mixed on one connection, including a last unterminated one', async () => {
    const sink = new MemorySink();
    const s = await start(sink);
    const multi = '<14>1 - host1 app - - - line with\nan embedded newline';
    const data = `<13>first lf message\n${Buffer.byteLength(multi)} ${multi}<13>after the counted one\r\n` +
      `${Buffer.byteLength('<13>ünïcødé')} <13>ünïcødé\n\n<13>unterminated tail`;
    await sendTcp(s.tcpPort!, data);
    await waitFor(() => sink.events.length === 5, 'five events');
    expect(sink.events.map((e) => e.text)).toEqual([
      '<13>first lf message', multi, '<13>after the counted one', '<13>ünïcødé', '<13>unterminated tail',
    ]);
    expect(sink.events[1]!.host).toBe('host1');
    expect(s.counters()).toMatchObject({ received: 5, stored: 5, connectionsTotal: 1 });
  });

  it('closes a connection whose octet count is absurd, keeping what came before', async () => {
    const sink = new MemorySink();
    const s = await start(sink, { maxMessageBytes: 1024 });
    await sendTcp(s.tcpPort!, '<13>ok\n99999999 <13>too big');
    await waitFor(() => s.counters().frameErrors === 1 && sink.events.length === 1, 'frame error');
    expect(sink.events[0]!.text).toBe('<13>ok');
  });

  it('flushes a partial frame and stores queued events on close', async () => {
    const sink = new MemorySink();
    const s = await start(sink, { batch: { maxDelayMs: 60_000 } });
    const c = net.connect(s.tcpPort!, '127.0.0.1');
    await new Promise((r) => c.once('connect', r));
    c.write('<13>complete\n<13>partial without newline');
    await waitFor(() => s.counters().received === 1, 'first message');
    expect(await s.close(5000)).toBe(0);
    server = undefined;
    expect(sink.events.map((e) => e.text)).toEqual(['<13>complete', '<13>partial without newline']);
    c.destroy();
  });
});

const hasLogger = spawnSync('logger', ['--help'], { encoding: 'utf8' }).stdout?.includes('--octet-count') ?? false;

describe.skipIf(!hasLogger)('syslog receiver with util-linux logger', () => {
  it('receives RFC 5424 messages over octet-counted TCP and over UDP', async () => {
    const sink = new MemorySink();
    const s = await start(sink);
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(s.tcpPort), '-T', '--octet-count', '--rfc5424',
      '-t', 'delvetest', '--msgid', 'M1', '--sd-id', 'meta@32473', '--sd-param', 'k="v"', 'hello over tcp']);
    execFileSync('logger', ['-n', '127.0.0.1', '-P', String(s.udpPort), '-d', '--rfc5424', '-t', 'delvetest', 'hello over udp']);
    await waitFor(() => sink.events.length === 2, 'two events');
    const tcp = sink.events.find((e) => e.extracted_fields?.message === 'hello over tcp')!;
    expect(tcp.extracted_fields).toMatchObject({ syslog_format: 'rfc5424', app: 'delvetest', msgid: 'M1' });
    expect((tcp.extracted_fields!.structured_data as Record<string, unknown>)['meta@32473']).toEqual({ k: 'v' });
    const udp = sink.events.find((e) => e.extracted_fields?.message === 'hello over udp')!;
    expect(udp.extracted_fields).toMatchObject({ syslog_format: 'rfc5424', app: 'delvetest' });
  });
});
