#!/usr/bin/env node
// Raw event-storage throughput (DESIGN §5), without the server or the TypeScript build:
//   node bench/ingest-raw.mjs [N=500000] [--indexed-field KEY]
// Creates a temporary database with the events schema of migrations 0001 + 0003 (DDL copied below), inserts N
// realistic ~300-byte web/syslog events with 4-8 extracted fields in 5000-row transactions through one prepared
// statement (WAL, synchronous=NORMAL, as the server runs), then builds the FTS5 index in 20k-row batches the way
// src/storage/events/fts-indexer.ts does, and prints JSON figures. Not part of the test run.
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeEvent, rnd } from './lib/events.mjs';

const N = Number(process.argv[2] ?? 500_000);
// --indexed-field KEY: also maintain a DELVE_INDEXED_FIELDS index on extracted_fields KEY (src/storage/field-indexes.ts)
const XF = process.argv.includes('--indexed-field') ? process.argv[process.argv.indexOf('--indexed-field') + 1] : undefined;
const TX_ROWS = 5000;
const FTS_BATCH = 20_000;

const DDL = [
  `CREATE TABLE events (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, "index" TEXT NOT NULL DEFAULT 'default',
    source TEXT NOT NULL DEFAULT 'default', sourcetype TEXT NOT NULL DEFAULT 'text', host TEXT NOT NULL DEFAULT '127.0.0.1',
    text TEXT NOT NULL, extracted_fields TEXT, user_id TEXT)`,
  `CREATE INDEX events_index_created ON events("index", created)`,
  `CREATE INDEX events_created ON events(created)`,
  `CREATE INDEX events_host ON events(host)`,
  `CREATE INDEX events_source ON events(source)`,
  `CREATE INDEX events_sourcetype ON events(sourcetype)`,
  `CREATE VIRTUAL TABLE events_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TABLE fts_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID`,
  `INSERT INTO fts_state (name, value) VALUES ('events_fts_watermark', 0)`,
  ...(XF && /^[A-Za-z0-9_]+$/.test(XF) ? [`CREATE INDEX "events_xf_${XF}" ON events("extracted_fields" -> '$."${XF}"', "index")`] : []),
];

// Minimal monotonic UUIDv7 (same layout as src/util/uuid7.ts).
let lastMs = -1, counter = 0;
function uuidv7() {
  let ms = Date.now();
  if (ms > lastMs) { lastMs = ms; counter = randomBytes(2).readUInt16BE() & 0x7ff; } else if (++counter > 0xfff) { lastMs++; counter = 0; }
  const b = randomBytes(16);
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8); b[7] = counter & 0xff; b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const base = Date.now() * 1000 - N * 1000;

function makeRow(i) {
  const created = base + i * 1000 + rnd(1000);
  const e = makeEvent(i, created);
  return [i + 1, uuidv7(), created, e.index, e.source, e.sourcetype, e.host, e.text, JSON.stringify(e.extracted_fields), null];
}

const dir = mkdtempSync(join(tmpdir(), 'delve-bench-'));
try {
  const db = new Database(join(dir, 'bench.sqlite3'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  for (const s of DDL) db.exec(s);
  const insert = db.prepare(`INSERT INTO events (seq, id, created, "index", source, sourcetype, host, text, extracted_fields, user_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMany = db.transaction((rows) => { for (const r of rows) insert.run(...r); });
  let peakRss = process.memoryUsage().rss;
  let textBytes = 0;
  let insertMs = 0;
  for (let i = 0; i < N; i += TX_ROWS) {
    const rows = [];
    for (let j = i; j < Math.min(N, i + TX_ROWS); j++) rows.push(makeRow(j));
    for (const r of rows) textBytes += r[7].length;
    const t0 = performance.now();
    insertMany.immediate(rows); // generating rows is not counted; the transaction is
    insertMs += performance.now() - t0;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const nextHi = db.prepare('SELECT max(seq) FROM (SELECT seq FROM events WHERE seq > ? ORDER BY seq LIMIT ?)').pluck();
  const index = db.prepare('INSERT INTO events_fts (rowid, text) SELECT seq, text FROM events WHERE seq > ? AND seq <= ? ORDER BY seq');
  const getWm = db.prepare("SELECT value FROM fts_state WHERE name = 'events_fts_watermark'").pluck();
  const setWm = db.prepare("UPDATE fts_state SET value = ? WHERE name = 'events_fts_watermark'");
  const batch = db.transaction(() => {
    const wm = getWm.get();
    const hi = nextHi.get(wm, FTS_BATCH);
    if (hi == null) return 0;
    const n = index.run(wm, hi).changes;
    setWm.run(hi);
    return n;
  });
  const t1 = performance.now();
  let indexed = 0;
  let maxBatchMs = 0;
  for (;;) {
    const b0 = performance.now();
    const n = batch.immediate();
    maxBatchMs = Math.max(maxBatchMs, performance.now() - b0);
    if (n === 0) break;
    indexed += n;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const ftsMs = performance.now() - t1;
  const q0 = performance.now();
  const hits = db.prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?').pluck().get('"timed out"');
  const queryMs = performance.now() - q0;
  db.close();
  console.log(JSON.stringify({
    rows: N,
    avg_text_bytes: Math.round(textBytes / N),
    raw_insert_rows_per_s: Math.round(N / (insertMs / 1000)),
    fts_batch_rows_per_s: Math.round(indexed / (ftsMs / 1000)),
    fts_max_batch_ms: Math.round(maxBatchMs),
    phrase_count_query_ms: Math.round(queryMs * 10) / 10,
    phrase_hits: hits,
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
  }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
