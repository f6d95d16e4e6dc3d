#!/usr/bin/env node
// Syslog receiver throughput (issue: ≥ 100 000 msgs/s over TCP, ≥ 50 000 msgs/s over UDP with < 1 % drops):
//   npx tsc -p tsconfig.json    # or ./fl --help: builds dist/
//   node bench/syslog.mjs [--tcp-messages 500000] [--connections 4] [--udp-rate 50000] [--udp-seconds 5] [--sink sqlite|count]
// Starts the real receiver (dist/ingest/syslog-server) in this process, delivering into a temporary SQLite database
// through the group-commit EventWriter (--sink sqlite, the default) or into a counting sink, and blasts RFC 5424
// messages from a worker thread: TCP newline-framed over several connections as fast as they are accepted, then UDP
// paced at --udp-rate. Prints JSON. Not part of the test run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const root = new URL('../dist/', import.meta.url);

function args() {
  const a = process.argv.slice(2);
  const get = (name, dflt) => { const i = a.indexOf(`--${name}`); return i >= 0 ? a[i + 1] : dflt; };
  return {
    tcpMessages: Math.ceil(Number(get('tcp-messages', 500_000)) / 500) * 500,
    connections: Number(get('connections', 4)),
    udpRate: Number(get('udp-rate', 50_000)),
    udpSeconds: Number(get('udp-seconds', 5)),
    sink: get('sink', 'sqlite'),
  };
}

const APPS = ['sshd', 'cron', 'kernel', 'nginx', 'postfix'];
function message(i) {
  const ts = new Date(Date.now() - 1000).toISOString();
  return `<${(i * 7) % 191}>1 ${ts} host-${i % 40}.example.net ${APPS[i % 5]} ${1000 + (i % 5000)} ID${i % 100} ` +
    `[meta sequenceId="${i}" env="prod"] Accepted publickey for deploy from 10.0.${i % 256}.7 port ${40000 + (i % 20000)} ssh2`;
}

// ---------------------------------------------------------------- sender (worker thread)
async function sender({ mode, port, count, connections, rate, seconds }) {
  const net = await import('node:net');
  const dgram = await import('node:dgram');
  if (mode === 'tcp') {
    // Pre-built 500-message chunks (10 000 distinct messages), so the sender costs little CPU.
    const chunks = Array.from({ length: 20 }, (_, c) =>
      Buffer.from(Array.from({ length: 500 }, (_, k) => message(c * 500 + k) + '\n').join('')));
    const perConn = Math.ceil(count / connections / 500);
    await Promise.all(Array.from({ length: connections }, (_, c) => new Promise((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.on('error', reject);
      sock.on('close', resolve);
      let i = 0;
      const n = Math.min(perConn, Math.ceil(count / 500) - c * perConn);
      const pump = () => {
        while (i < n) {
          if (!sock.write(chunks[(c + i++) % chunks.length])) return sock.once('drain', pump);
        }
        sock.end();
      };
      sock.once('connect', pump);
    })));
    return { sent: count };
  }
  const sock = dgram.createSocket('udp4');
  const payloads = Array.from({ length: 1000 }, (_, i) => Buffer.from(message(i)));
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) sock.send(payloads[sent++ % 1000], port, '127.0.0.1');
      if (sent >= total) return resolve();
      setImmediate(tick);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 200));
  sock.close();
  return { sent, elapsed };
}

if (!isMainThread) {
  sender(workerData).then((r) => parentPort.postMessage(r));
} else {
  await main();
}

function runSender(data) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: data });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

async function localSqliteSink(dir) {
  const { Store, openSqlite } = await import(new URL('storage/index.js', root).href);
  const { EventWriter } = await import(new URL('storage/events/index.js', root).href);
  const path = join(dir, 'bench.sqlite3');
  const store = new Store(openSqlite({ path }), path);
  await store.migrate();
  const writer = new EventWriter(store.sqlite);
  return {
    async write(events) {
      const now = Date.now() * 1000;
      await writer.append(events.map((e) => ({
        created: e.created ?? now, index: e.index, source: e.source, sourcetype: e.sourcetype, host: e.host, text: e.text,
        extracted_fields: e.extracted_fields ? JSON.stringify(e.extracted_fields) : null, user_id: null,
      })));
    },
    async close() { await writer.close(); await store.close(); },
  };
}

async function waitFor(cond, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}

async function main() {
  const opts = args();
  const { startSyslogServer } = await import(new URL('ingest/syslog-server/index.js', root).href);
  const dir = mkdtempSync(join(tmpdir(), 'delve-bench-syslog-'));
  const sink = opts.sink === 'count'
    ? { n: 0, async write(ev) { this.n += ev.length; }, async close() {} }
    : await localSqliteSink(dir);
  const logger = { info() {}, warn() {}, error: (o, m) => console.error(m, o) };
  const defaults = { index: 'bench', source: 'syslog', sourcetype: 'text/syslog' };
  try {
    // TCP, newline framing, several connections.
    const tcp = await startSyslogServer({ tcp: { host: '127.0.0.1', port: 0 }, defaults, useMessageTime: false, sink, logger });
    let t0 = performance.now();
    await runSender({ mode: 'tcp', port: tcp.tcpPort, count: opts.tcpMessages, connections: opts.connections });
    await waitFor(() => tcp.counters().stored >= opts.tcpMessages, 120_000);
    const tcpSeconds = (performance.now() - t0) / 1000;
    const tcpCounters = tcp.counters();
    await tcp.close();

    // UDP, paced.
    const udp = await startSyslogServer({ udp: { host: '127.0.0.1', port: 0 }, defaults, useMessageTime: false, sink, logger });
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    t0 = performance.now();
    const u = await runSender({ mode: 'udp', port: udp.udpPort, rate: opts.udpRate, seconds: opts.udpSeconds });
    await udp.flush(30_000);
    loop.disable();
    const udpCounters = udp.counters();
    await udp.close();
    const lostInKernel = u.sent - udpCounters.received;
    console.log(JSON.stringify({
      sink: opts.sink,
      tcp_messages: opts.tcpMessages,
      tcp_connections: opts.connections,
      tcp_msgs_per_s: Math.round(tcpCounters.stored / tcpSeconds),
      tcp_lost: opts.tcpMessages - tcpCounters.stored,
      udp_target_rate: opts.udpRate,
      udp_sent: u.sent,
      udp_send_rate: Math.round(u.sent / u.elapsed),
      udp_msgs_per_s: Math.round(udpCounters.stored / u.elapsed),
      udp_dropped_queue_full: udpCounters.dropped,
      udp_lost_before_receiver: lostInKernel,
      udp_kernel_drops_counter: udpCounters.kernelDrops,
      udp_event_loop_delay_max_ms: Math.round(loop.max / 1e6),
      udp_drop_rate: Number(((u.sent - udpCounters.stored) / u.sent).toFixed(4)),
    }, null, 2));
  } finally {
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
