#!/usr/bin/env node
// Query engine latency (issue 6):
//   node bench/query.mjs [--events 1000000] [--runs 20] [--keep DIR] [--dist DIR] [--only NAME,NAME] [--threads N]
// Builds Delve (./fl --help; or uses an already compiled tree given by --dist, e.g. one made with
// `tsc -p tsconfig.json --outDir /tmp/x/dist` next to a node_modules symlink, so a run never rebuilds dist/), creates a temporary DELVE_HOME with the real schema (migrations), a regular user of the
// default `Users` group (index ACL `*`, so the ACL predicate is in every statement), and loads --events realistic
// web/syslog events spread over the last 7 days (one transaction per 50k rows through one prepared statement), then
// lets the FTS indexer catch up. Each query then runs through the real runtime (parse, templates, argparse, plan →
// one SQL statement on a read-only connection, generic commands, shaping) 2 times to warm up and --runs times
// measured; prints p50/p95 ms per query and the targets as JSON. The JSON-field groupings run a second time with a
// field index (DELVE_INDEXED_FIELDS=status), built for that part and dropped afterwards. Not a test.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { makeEvent } from './lib/events.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const N = Number(opt('events', 1_000_000));
const RUNS = Number(opt('runs', 20));
const TX_ROWS = 50_000;
const KEY = 'bench-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';

const DIST = opt('dist', undefined);
if (!DIST) {
  const build = spawnSync(join(ROOT, 'fl'), ['--help'], { encoding: 'utf8' });
  if (build.status !== 0) { process.stderr.write(build.stderr); process.exit(1); }
}
const ONLY = opt('only', undefined)?.split(',');
const dist = (p) => import(join(DIST ?? join(ROOT, 'dist'), p));
const [{ loadSettings }, { openStore, openSqlite }, { createUser, findUser }, runtime, { FtsIndexer }, { syncFieldIndexes }] = await Promise.all([
  dist('config/load.js'), dist('storage/index.js'), dist('auth/users.js'), dist('query/runtime/index.js'), dist('storage/events/index.js'),
  dist('storage/field-indexes.js'),
]);

// ---- realistic events (deterministic generator; same shapes as bench/ingest-raw.mjs)
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
  const e = makeEvent(i, created);
  return [uuidLike(Math.floor(created / 1000)), created, e.index, e.source, e.sourcetype, e.host, e.text, JSON.stringify(e.extracted_fields)];
}

const home = opt('keep', undefined) ?? mkdtempSync(join(tmpdir(), 'delve-bench-query-'));
const THREADS = opt('threads', undefined); // DELVE_QUERY_THREADS for the run (default: the setting's default)
const { settings } = await loadSettings({ home, env: { DELVE_SECRET_KEY: KEY, ...(THREADS ? { DELVE_QUERY_THREADS: THREADS } : {}) } });
const store = openStore(settings);
await store.migrate();
const user = (await findUser(store, 'bench')) ?? await createUser(store, { username: 'bench', password: 'bench-password-correct-horse' }, { minPasswordLength: 8 }); // --keep reuses it

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
  ['stats_count_by_json_field', 'search | stats count --by extracted_fields__status | dedup key | select key count', null],
  ['last_hour_head_100', 'search --last-hour | head -n 100', 20],
];
// The JSON groupings again with DELVE_INDEXED_FIELDS=status (the index is built for this part and dropped after).
const INDEXED_FIELD = 'status';
const INDEXED_QUERIES = [
  ['qs_group_by_json_field_indexed', 'search | qs_group_by extracted_fields__status n=Count(id)', 1000],
  ['qs_group_by_json_field_index_web', 'search index=web | qs_group_by extracted_fields__status n=Count(id)', 1000],
];

const results = {};
for (const [name, text, target] of QUERIES) {
  if (ONLY && !ONLY.includes(name)) continue;
  const r = await timeQuery(text);
  results[name] = { ...r, target_ms: target, meets_target: target === null ? null : r.p50_ms < target };
}
const indexed = INDEXED_QUERIES.filter(([name]) => !ONLY || ONLY.includes(name));
if (indexed.length) {
  let t = performance.now();
  syncFieldIndexes(store.sqlite, [INDEXED_FIELD]);
  load.field_index_build_s = Math.round(performance.now() - t) / 1000;
  for (const [name, text, target] of indexed) {
    const r = await timeQuery(text);
    results[name] = { ...r, target_ms: target, meets_target: r.p50_ms < target, indexed_fields: [INDEXED_FIELD] };
  }
  syncFieldIndexes(store.sqlite, []);
}
readDb.close();
await store.close();
if (!opt('keep', undefined)) rmSync(home, { recursive: true, force: true });
console.log(JSON.stringify({
  events: load.events, runs: RUNS, max_result_rows: settings.DELVE_MAX_RESULT_ROWS, query_threads: settings.DELVE_QUERY_THREADS, load,
  note: 'stats count --by host counts the first DELVE_MAX_RESULT_ROWS rows of the search (truncated=true means the input was capped; the stats|dedup key|select idiom is computed from the --by column in SQL); qs_group_by counts all rows',
  results,
}, null, 2));
