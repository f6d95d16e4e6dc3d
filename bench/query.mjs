#!/usr/bin/env node
// Query engine latency (issue 6):
//   node bench/query.mjs [--events 1000000] [--runs 20] [--keep DIR]
// Builds Delve (./fl --help), creates a temporary DELVE_HOME with the real schema (migrations), a regular user of the
// default `Users` group (index ACL `*`, so the ACL predicate is in every statement), and loads --events realistic
// web/syslog events spread over the last 7 days (one transaction per 50k rows through one prepared statement), then
// lets the FTS indexer catch up. Each query then runs through the real runtime (parse, templates, argparse, plan →
// one SQL statement on a read-only connection, generic commands, shaping) 2 times to warm up and --runs times
// measured; prints p50/p95 ms per query and the targets as JSON. Not a test.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const N = Number(opt('events', 1_000_000));
const RUNS = Number(opt('runs', 20));
const TX_ROWS = 50_000;
const KEY = 'bench-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';

const build = spawnSync(join(ROOT, 'fl'), ['--help'], { encoding: 'utf8' });
if (build.status !== 0) { process.stderr.write(build.stderr); process.exit(1); }
const dist = (p) => import(join(ROOT, 'dist', p));
const [{ loadSettings }, { openStore, openSqlite }, { createUser }, runtime, { FtsIndexer }] = await Promise.all([
  dist('config/load.js'), dist('storage/index.js'), dist('auth/users.js'), dist('query/runtime/index.js'), dist('storage/events/index.js'),
]);

// ---- realistic events (deterministic generator; same shapes as bench/ingest-raw.mjs)
let seed = 12345;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 8) % n; };
const pick = (a) => a[rnd(a.length)];
const PATHS = ['/', '/login', '/api/events/', '/api/query/', '/static/app.js', '/docs/search', '/cart/checkout', '/images/logo.png'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'curl/8.5.0', 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 'Go-http-client/1.1'];
const PROGS = ['sshd', 'cron', 'kernel', 'systemd', 'postfix/smtpd', 'nginx'];
const MSGS = ['Accepted publickey for deploy from 10.0.4.7 port 52211 ssh2', 'session opened for user root by (uid=0)',
  'Out of memory: Killed process 4242 (java) total-vm:8123456kB', 'Started Daily apt download activities.',
  'connect from unknown[203.0.113.9]', 'upstream timed out (110: Connection timed out) while reading response header'];
const HOSTS = Array.from({ length: 40 }, (_, i) => `host-${i.toString().padStart(2, '0')}.example.net`);
const SPAN_US = 7 * 86400 * 1e6;
const startUs = Date.now() * 1000 - SPAN_US;

let idCounter = 0;
const idPrefix = randomBytes(4).toString('hex');
function uuidLike(ms) {
  const h = ms.toString(16).padStart(12, '0');
  const c = (idCounter++).toString(16).padStart(16, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${idPrefix}${c.slice(8, 16)}`;
}

function makeRow(i) {
  const created = Math.floor(startUs + (i / N) * SPAN_US);
  const host = pick(HOSTS);
  const iso = new Date(created / 1000).toISOString();
  const id = uuidLike(Math.floor(created / 1000));
  if (rnd(2) === 0) {
    const ip = `${10 + rnd(200)}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
    const status = pick([200, 200, 200, 301, 404, 500, 503]);
    const path = `${pick(PATHS)}?id=${rnd(100000)}&page=${rnd(50)}`;
    const bytes = rnd(90000);
    const agent = pick(AGENTS);
    const text = `${ip} - - [${iso}] "GET ${path} HTTP/1.1" ${status} ${bytes} "https://www.example.com/ref/${rnd(999)}" "${agent}" rt=${(rnd(3000) / 1000).toFixed(3)} upstream=${pick(HOSTS)}:8080 request_id=${randomBytes(12).toString('hex')}`;
    const fields = { clientip: ip, method: 'GET', uri: path, status, bytes, useragent: agent };
    return [id, created, 'web', '/var/log/nginx/access.log', 'access_combined', host, text, JSON.stringify(fields)];
  }
  const prog = pick(PROGS);
  const msg = pick(MSGS);
  const text = `<${rnd(191)}>1 ${iso} ${host} ${prog} ${rnd(65000)} ID${rnd(100)} [meta env="prod" region="eu-west-${1 + rnd(3)}"] ${msg} (attempt ${rnd(9)}, user=${pick(['deploy', 'root', 'www-data', 'backup'])}, trace=${randomBytes(16).toString('hex')})`;
  const fields = { appname: prog, msgid: `ID${rnd(100)}`, severity: rnd(8), region: `eu-west-${1 + rnd(3)}` };
  return [id, created, 'syslog', 'udp:514', 'syslog', host, text, JSON.stringify(fields)];
}

const home = opt('keep', undefined) ?? mkdtempSync(join(tmpdir(), 'delve-bench-query-'));
const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY } });
const store = openStore(settings);
await store.migrate();
const user = await createUser(store, { username: 'bench', password: 'bench-password-correct-horse' }, { minPasswordLength: 8 });

const existing = store.sqlite.prepare('SELECT count(*) AS n FROM events').get().n;
const load = { events: existing, insert_s: 0, fts_catch_up_s: 0 };
if (existing < N) {
  const insert = store.sqlite.prepare('INSERT INTO events (id, created, "index", source, sourcetype, host, text, extracted_fields, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const tx = store.sqlite.transaction((from, to) => { for (let i = from; i < to; i++) insert.run(...makeRow(i), user.id); });
  let t = performance.now();
  for (let i = existing; i < N; i += TX_ROWS) tx(i, Math.min(N, i + TX_ROWS));
  load.insert_s = Math.round(performance.now() - t) / 1000;
  t = performance.now();
  const indexer = new FtsIndexer(store.sqlite, { batchSize: 50_000 });
  await indexer.catchUp();
  load.fts_catch_up_s = Math.round(performance.now() - t) / 1000;
  store.sqlite.exec('ANALYZE');
  load.events = N;
}

const readDb = openSqlite({ path: settings.DELVE_DATABASE_PATH, readonly: true });
const registry = runtime.defaultRegistry();

async function timeQuery(text) {
  const times = [];
  let last;
  for (let r = 0; r < RUNS + 2; r++) {
    const deadline = runtime.queryDeadline(settings.DELVE_QUERY_TIMEOUT * 1000);
    const ctx = await runtime.createExecContext({ registry, user, settings, store, readDb, signal: deadline.signal });
    const t = performance.now();
    const out = await runtime.runPipeline(registry, text, ctx);
    const ms = performance.now() - t;
    deadline.dispose();
    if (!out.ok) throw new Error(`${text}: ${out.error.code} ${out.error.message}`);
    last = out;
    if (r >= 2) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const q = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  const sample = Array.isArray(last.result) ? `${last.result.length} rows` : JSON.stringify(last.result).slice(0, 60);
  return { query: text, p50_ms: q(0.5), p95_ms: q(0.95), result: sample, truncated: last.truncated };
}

const QUERIES = [
  ['bare_term_newest_100', 'search timed --limit 100', 20],
  ['bare_term_newest_100_head', 'search timed | head -n 100', 20],
  ['index_time_page', 'search index=web --last-hour --limit 100', 20],
  ['text_icontains_3_letters_count', 'search text__icontains=apt | qs_count', null],
  ['stats_count_by_host', 'search | stats count --by host | dedup key | select key count', 150],
  ['qs_group_by_host', 'search | qs_group_by host n=Count(id)', 150],
  ['qs_group_by_json_field', 'search | qs_group_by extracted_fields__status n=Count(id)', 1000],
  ['last_hour_head_100', 'search --last-hour | head -n 100', 20],
];

const results = {};
for (const [name, text, target] of QUERIES) {
  const r = await timeQuery(text);
  results[name] = { ...r, target_ms: target, meets_target: target === null ? null : r.p50_ms < target };
}
readDb.close();
await store.close();
if (!opt('keep', undefined)) rmSync(home, { recursive: true, force: true });
console.log(JSON.stringify({
  events: load.events, runs: RUNS, max_result_rows: settings.DELVE_MAX_RESULT_ROWS, load,
  note: 'stats count --by host runs in memory over at most DELVE_MAX_RESULT_ROWS rows (truncated=true means it saw a capped input); qs_group_by counts all rows in SQL',
  results,
}, null, 2));
