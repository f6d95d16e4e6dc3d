#!/usr/bin/env node
// End-to-end ingest throughput (issue 5):
//   node bench/ingest.mjs [--duration 30] [--clients 4] [--batch 1000] [--fts both|on|off] [--extract] [--raw-rows 300000]
// Builds Delve (./fl --help), makes a temporary DELVE_HOME with a superuser, then for FTS on and/or off starts the
// server (test/fixtures/ingest/serve-events.mjs: the same wiring as ./fl serve) and drives POST /api/events/ with
// NDJSON batches of --batch ~300-byte mixed web/syslog events from --clients concurrent keep-alive clients for
// --duration seconds. Events carry 4-8 client-extracted fields (sourcetypes without a server extractor); --extract
// instead sends sourcetypes `apache` / `syslog` so the server runs its extractors. Reports events/s, request
// latency p50/p99, the server's peak RSS (VmHWM) and CPU seconds, the FTS indexer lag at the end and the time to
// catch up; then measures the raw single-process SQLite insert rate of the same rows (as the pipeline would store
// them: prepared INSERT, 5000-row transactions, WAL, synchronous=NORMAL), once with SQLite's default
// wal_autocheckpoint (the old baseline) and once with the writer's tuned one. Prints one JSON object. Not a test.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { makeEvent, rnd } from './lib/events.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(ROOT, 'test', 'fixtures', 'ingest', 'serve-events.mjs');
const KEY = 'bench-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';
const PW = 'bench-password-correct-horse-9';

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const DURATION = Math.min(300, Math.max(1, Number(opt('duration', 30))));
const CLIENTS = Math.max(1, Number(opt('clients', 4)));
const BATCH = Math.max(1, Number(opt('batch', 1000)));
const FTS = opt('fts', 'both');
const EXTRACT = argv.includes('--extract');
const RAW_ROWS = Number(opt('raw-rows', 300_000));
const SERVER_ARGS = (opt('node-args', '') || '').split(' ').filter(Boolean);

// ---- events (deterministic generator, same shapes as bench/ingest-raw.mjs)
const makeEventNow = (i) => makeEvent(i, (Date.now() - rnd(3600_000)) * 1000, { extract: EXTRACT });

const POOL = 64; // distinct pre-serialised batches (client CPU stays out of the measurement as far as possible)
const batches = Array.from({ length: POOL }, (_, b) => Buffer.from(Array.from({ length: BATCH }, (_, k) => JSON.stringify(makeEventNow(b * BATCH + k))).join('\n') + '\n'));
const avgEventBytes = Math.round(batches.reduce((n, b) => n + b.length, 0) / (POOL * BATCH));
const avgTextBytes = Math.round(batches.reduce((n, b) => n + b.toString().split('\n').filter(Boolean).reduce((m, l) => m + Buffer.byteLength(JSON.parse(l).text), 0), 0) / (POOL * BATCH));

// ---- helpers
const AUTH = `Basic ${Buffer.from(`root:${PW}`).toString('base64')}`;
function request(url, method, body, agent) {
  return new Promise((resolve, reject) => {
    const rq = http.request(url, { method, agent, headers: { authorization: AUTH, ...(body ? { 'content-type': 'application/x-ndjson', 'content-length': body.length } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    rq.on('error', reject);
    rq.end(body);
  });
}
function procStatus(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { hwmMb: Math.round(Number(/VmHWM:\s+(\d+)/.exec(s)[1]) / 1024), cpuS: (Number(stat[11]) + Number(stat[12])) / 100 };
  } catch { return { hwmMb: null, cpuS: null }; }
}
const pct = (sorted, p) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] * 10) / 10 : null);

function startServer(home, fts) {
  const env = { ...process.env, DELVE_HOME: home, DELVE_SECRET_KEY: KEY, DELVE_SERVER_PORT: '0', DELVE_FTS_ENABLED: fts ? 'true' : 'false', DELVE_FIXTURE_LOG_LEVEL: 'warn' };
  const proc = spawn(process.execPath, [...SERVER_ARGS, SERVER], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = /listening on (\S+)/.exec(out); if (m) resolve({ proc, url: m[1] }); });
    proc.on('exit', (c) => reject(new Error(`server exited (${c}): ${out}`)));
  });
}

async function runPhase(home, fts) {
  const { proc, url } = await startServer(home, fts);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  await request(`${url}/api/events/?limit=1`, 'GET', undefined, agent); // warm the Basic-auth cache
  const cpu0 = procStatus(proc.pid).cpuS;
  const lat = [];
  let events = 0, errors = 0, busy = 0, i = 0;
  const t0 = performance.now();
  const end = t0 + DURATION * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const body = batches[i++ % POOL];
      const s = performance.now();
      const r = await request(`${url}/api/events/`, 'POST', body, agent);
      lat.push(performance.now() - s);
      if (r.status === 201) events += BATCH;
      else if (r.status === 503) { busy++; await new Promise((z) => setTimeout(z, 200)); } else { errors++; if (errors < 3) console.error(r.status, r.body.slice(0, 300)); }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - t0) / 1000;
  const ready = JSON.parse((await request(`${url}/readyz`, 'GET', undefined, agent)).body).checks.ingest;
  let catchUpS = 0;
  if (fts && ready.fts_lag_rows > 0) {
    const c0 = performance.now();
    for (;;) {
      await new Promise((z) => setTimeout(z, 250));
      const r = JSON.parse((await request(`${url}/readyz`, 'GET', undefined, agent)).body).checks.ingest;
      if (r.fts_lag_rows === 0 || performance.now() - c0 > 300_000) break;
    }
    catchUpS = Math.round((performance.now() - c0) / 100) / 10;
  }
  const st = procStatus(proc.pid);
  agent.destroy();
  proc.kill('SIGTERM');
  await new Promise((z) => proc.on('exit', z));
  lat.sort((a, b) => a - b);
  return {
    fts, events, seconds: Math.round(seconds * 10) / 10, events_per_s: Math.round(events / seconds), requests: lat.length, busy_503: busy, errors,
    latency_ms: { p50: pct(lat, 0.5), p99: pct(lat, 0.99), max: pct(lat, 1) },
    server_peak_rss_mb: st.hwmMb, server_cpu_s: st.cpuS !== null && cpu0 !== null ? Math.round((st.cpuS - cpu0) * 10) / 10 : null,
    fts_lag_at_end: fts ? { rows: ready.fts_lag_rows, seconds: ready.fts_lag_seconds } : null, fts_catch_up_s: fts ? catchUpS : null,
  };
}

/** The same rows (as the pipeline stores them) inserted by one process straight into SQLite. */
async function rawInsert(dir, walAutocheckpointPages) {
  const { loadSettings } = await import(join(ROOT, 'dist/config/load.js'));
  const { openStore } = await import(join(ROOT, 'dist/storage/index.js'));
  const { createIngestRuntime } = await import(join(ROOT, 'dist/ingest/runtime.js'));
  const { settings } = await loadSettings({ home: dir, env: { DELVE_SECRET_KEY: KEY, DELVE_FTS_ENABLED: 'false' } });
  const store = openStore(settings);
  await store.migrate();
  const rt = await createIngestRuntime({ settings, store, logger: { info() {}, warn() {}, error() {} }, options: { ftsEnabled: false, walAutocheckpointPages } });
  const { uuidv7 } = await import(join(ROOT, 'dist/util/uuid7.js'));
  const rows = [];
  const nowUs = Date.now() * 1000;
  for (let k = 0; rows.length < RAW_ROWS; k++) {
    for (const line of batches[k % POOL].toString().split('\n')) {
      if (!line) continue;
      const r = rt.pipeline.prepare(JSON.parse(line), 0, { userId: 'u' }, nowUs);
      rows.push([rows.length + 1, uuidv7(), r.created, r.index, r.source, r.sourcetype, r.host, r.text, r.extracted_fields, r.user_id]);
      if (rows.length >= RAW_ROWS) break;
    }
  }
  await rt.close();
  const insert = store.sqlite.prepare(`INSERT INTO events (seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const many = store.sqlite.transaction((part) => { for (const r of part) insert.run(...r); });
  const t0 = performance.now();
  for (let k = 0; k < rows.length; k += 5000) many.immediate(rows.slice(k, k + 5000));
  const s = (performance.now() - t0) / 1000;
  await store.close();
  return Math.round(rows.length / s);
}

const home = mkdtempSync(join(tmpdir(), 'delve-bench-ingest-'));
const rawDir = mkdtempSync(join(tmpdir(), 'delve-bench-raw-'));
const rawDir2 = mkdtempSync(join(tmpdir(), 'delve-bench-raw-'));
try {
  const b = spawnSync(join(ROOT, 'fl'), ['--help'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) throw new Error('build failed');
  {
    const { loadSettings } = await import(join(ROOT, 'dist/config/load.js'));
    const { openStore } = await import(join(ROOT, 'dist/storage/index.js'));
    const { createUser } = await import(join(ROOT, 'dist/auth/users.js'));
    const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY } });
    const store = openStore(settings);
    await store.migrate();
    await createUser(store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
    await store.close();
  }
  const load0 = loadavg();
  const phases = [];
  for (const fts of FTS === 'both' ? [true, false] : [FTS === 'on']) {
    rmSync(join(home, 'var', 'db.sqlite3'), { force: true }); // each phase starts from an empty events table...
    rmSync(join(home, 'var', 'db.sqlite3-wal'), { force: true });
    rmSync(join(home, 'var', 'db.sqlite3-shm'), { force: true });
    const { loadSettings } = await import(join(ROOT, 'dist/config/load.js'));
    const { openStore } = await import(join(ROOT, 'dist/storage/index.js'));
    const { createUser } = await import(join(ROOT, 'dist/auth/users.js'));
    const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY } });
    const store = openStore(settings); // ...with the user re-created
    await store.migrate();
    await createUser(store, { username: 'root', password: PW, isSuperuser: true }, { minPasswordLength: 8 });
    await store.close();
    phases.push(await runPhase(home, fts));
  }
  // Raw insert twice: with SQLite's default wal_autocheckpoint (1000 pages: the "raw" figure of the first
  // measurements in issue 5) and with the writer's tuned value the server now uses (DEFAULT_WAL_AUTOCHECKPOINT_PAGES).
  const rawDefault = await rawInsert(rawDir, 1000);
  const { DEFAULT_WAL_AUTOCHECKPOINT_PAGES } = await import(join(ROOT, 'dist/storage/events/writer.js'));
  const raw = await rawInsert(rawDir2, DEFAULT_WAL_AUTOCHECKPOINT_PAGES);
  const best = phases.find((p) => p.fts) ?? phases[0];
  console.log(JSON.stringify({
    duration_s: DURATION, clients: CLIENTS, batch: BATCH, avg_ndjson_line_bytes: avgEventBytes, avg_text_bytes: avgTextBytes, server_extraction: EXTRACT,
    load_average_before: load0.map((x) => Math.round(x * 100) / 100), load_average_after: loadavg().map((x) => Math.round(x * 100) / 100),
    phases, raw_insert_rows_per_s: raw, raw_insert_default_checkpoint_rows_per_s: rawDefault,
    ratio_to_raw: Math.round((best.events_per_s / raw) * 100) / 100, ratio_to_raw_default_checkpoint: Math.round((best.events_per_s / rawDefault) * 100) / 100,
  }, null, 1));
} finally {
  rmSync(home, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });
  rmSync(rawDir2, { recursive: true, force: true });
}
