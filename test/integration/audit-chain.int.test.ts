/**
 * The audit log's tamper evidence against real SQLite files: edits with the sqlite3 CLI (or a second connection),
 * deleted rows, key rotation, redaction, and concurrent writers (connections and processes).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, tail, verify, type RawAuditRow } from '../../src/security/audit/index.js';
import { Keyring } from '../../src/security/keys/keyring.js';
import { openSqlite, Store } from '../../src/storage/index.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const KEY_A = 'audit-key-A-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL';
const KEY_B = 'audit-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfe';
const HAS_CLI = spawnSync('sqlite3', ['-version']).status === 0;

let dir: string;
let path: string;
const open: Store[] = [];

async function openStore(): Promise<Store> {
  const s = new Store(openSqlite({ path }), path);
  await s.migrate();
  open.push(s);
  return s;
}
async function closeAll(): Promise<void> {
  while (open.length) await open.pop()?.close();
}
/** Runs SQL against the file like an attacker would: the sqlite3 CLI, or a second connection when it is missing. */
function tamper(sql: string): void {
  if (HAS_CLI) { execFileSync('sqlite3', [path, sql]); return; }
  const db = new Database(path);
  try { db.exec(sql); } finally { db.close(); }
}
function fill(store: Store, n: number, keyring = new Keyring(KEY_A)): void {
  const log = new AuditLog(store, keyring, { now: (() => { let t = 1_700_000_000_000; return () => t++; })() });
  for (let i = 1; i <= n; i++) {
    log.record({ action: i % 2 ? 'auth.login' : 'user.create', outcome: i % 3 ? 'success' : 'failure', actor: `user${i}`,
      actorId: `id${i}`, ip: `10.0.0.${i % 250}`, target: `t${i}`, requestId: `req-${i}`, details: { i } });
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delve-audit-int-'));
  path = join(dir, 'delve.sqlite3');
});
afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit chain on a real database', () => {
  it('a chain of 100 records verifies, also from a fresh connection', async () => {
    fill(await openStore(), 100);
    await closeAll();
    expect(verify(await openStore(), new Keyring(KEY_A))).toEqual({ ok: true, rows: 100 });
  });

  it.each([
    ['seq', '1000'], ['ts', 'ts + 1'], ['ts', 'ts + 0.5'], ['actor', "'mallory'"], ['actor', 'NULL'], ['actor_id', "'id0'"],
    ['ip', "'10.6.6.6'"], ['action', "'auth.logout'"], ['target', "'other'"], ['outcome', "'info'"], ['outcome', "'denied'"],
    ['request_id', "'req-x'"], ['details', "'{}'"], ['details', `'{"i": 50}'`], ['key_id', "'0000000000000000'"],
    ['prev_hmac', `'${'0'.repeat(64)}'`], ['hmac', `'${'f'.repeat(64)}'`],
  ])(`editing %s of row 50 (to %s) is caught at row 50 (${HAS_CLI ? 'sqlite3 CLI' : 'second connection'})`, async (column, value) => {
    const store = await openStore();
    fill(store, 100);
    await closeAll();
    tamper(`UPDATE audit_log SET ${column} = ${value} WHERE seq = 50`);
    const r = verify(await openStore(), new Keyring(KEY_A));
    expect(r).toMatchObject({ ok: false, brokenAt: 50, rows: 49 });
  });

  it('deleting a middle row, the first row, or the last rows is caught', async () => {
    fill(await openStore(), 100);
    await closeAll();
    tamper('DELETE FROM audit_log WHERE seq = 37');
    expect(verify(await openStore(), new Keyring(KEY_A))).toMatchObject({ ok: false, brokenAt: 37, reason: expect.stringContaining('row 37 is missing') });
    await closeAll();
    tamper('DELETE FROM audit_log WHERE seq = 1');
    expect(verify(await openStore(), new Keyring(KEY_A))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('truncating the tail is caught through sqlite_sequence, also after new records are appended', async () => {
    const store = await openStore();
    fill(store, 100);
    await closeAll();
    tamper('DELETE FROM audit_log WHERE seq > 97');
    const r = verify(await openStore(), new Keyring(KEY_A));
    expect(r).toMatchObject({ ok: false, rows: 97, brokenAt: 98, reason: expect.stringContaining('rows 98..100 are missing') });
    expect(r.ok ? '' : r.reason).toContain('end of the audit log');
    new AuditLog(open[0]!, new Keyring(KEY_A)).record({ action: 'auth.login', outcome: 'success' });
    expect(verify(open[0]!, new Keyring(KEY_A))).toMatchObject({ ok: false, brokenAt: 98 });
    await closeAll();
    tamper('DELETE FROM audit_log');
    expect(verify(await openStore(), new Keyring(KEY_A))).toMatchObject({ ok: false, rows: 0, brokenAt: 1 });
  });

  it('documented limit: tail truncation plus a rewritten sqlite_sequence is not detectable without an external anchor', async () => {
    fill(await openStore(), 10);
    await closeAll();
    tamper("DELETE FROM audit_log WHERE seq > 8; UPDATE sqlite_sequence SET seq = 8 WHERE name = 'audit_log'");
    expect(verify(await openStore(), new Keyring(KEY_A))).toEqual({ ok: true, rows: 8 });
  });

  it('key rotation: rows under A then under (B, [A]) verify with A as a fallback and name A when it is missing', async () => {
    const store = await openStore();
    const a = new Keyring(KEY_A);
    const rotated = new Keyring(KEY_B, [KEY_A]);
    fill(store, 10, a);
    fill(store, 10, rotated);
    expect(verify(store, rotated)).toEqual({ ok: true, rows: 20 });
    const idA = a.keyId(KEY_A);
    const noFallback = verify(store, new Keyring(KEY_B));
    expect(noFallback).toEqual({ ok: false, rows: 0, brokenAt: 1,
      reason: `row 1 was written with key ${idA} which is not configured (add it to SECRET_KEY_FALLBACKS to verify)` });
    const onlyA = verify(store, a);
    expect(onlyA).toMatchObject({ ok: false, rows: 10, brokenAt: 11, reason: expect.stringContaining(rotated.keyId(KEY_B)) });
    // Relabelling a row with another configured key id does not help an attacker either.
    tamper(`UPDATE audit_log SET key_id = '${rotated.keyId(KEY_B)}' WHERE seq = 5`);
    expect(verify(store, rotated)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('secrets in details never reach the database file', async () => {
    const store = await openStore();
    new AuditLog(store, new Keyring(KEY_A)).record({
      action: 'auth.login', outcome: 'failure', actor: 'bob',
      details: { password: 'hunter2-SECRET-1', nested: { apiToken: 'SECRET-2', deep: [{ Authorization: 'Basic SECRET-3' }] },
        headers: { Cookie: 'sid=SECRET-4', 'X-Session': 'SECRET-5' }, note: 'Bearer SECRET-6', client_secret: 'SECRET-7', keyId: 'public-id' },
    });
    expect(tail(store)[0]?.details).toMatchObject({ password: '[redacted]', keyId: 'public-id' });
    await closeAll(); // checkpoints the WAL into the main file
    const raw = readFileSync(path).toString('latin1');
    expect(raw).toContain('public-id');
    expect(raw).not.toContain('SECRET');
    if (HAS_CLI) expect(execFileSync('sqlite3', [path, '.dump'], { encoding: 'utf8' })).not.toContain('SECRET');
  });

  it('two connections on the same file appending in turn keep one chain', async () => {
    const s1 = await openStore();
    const s2 = await openStore();
    const l1 = new AuditLog(s1, new Keyring(KEY_A));
    const l2 = new AuditLog(s2, new Keyring(KEY_A));
    for (let i = 0; i < 50; i++) {
      l1.record({ action: 'test.one', outcome: 'info', details: { i } });
      l2.record({ action: 'test.two', outcome: 'info', details: { i } });
    }
    expect(verify(s1, new Keyring(KEY_A))).toEqual({ ok: true, rows: 100 });
    expect(tail(s2, { limit: 2 }).map((r) => r.action)).toEqual(['test.two', 'test.one']);
  });

  it('four processes appending at the same time keep one valid chain', async () => {
    await openStore();
    await closeAll();
    const script = await buildWriterScript();
    const n = 300;
    const startAt = String(Date.now() + 1500);
    const codes = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((name) => new Promise<number>((done) => {
      const child = spawn(process.execPath, [script, path, KEY_A, name, String(n), startAt], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('close', (code) => done(code ?? -1));
    })));
    expect(codes).toEqual([0, 0, 0, 0]);
    const store = await openStore();
    expect(verify(store, new Keyring(KEY_A))).toEqual({ ok: true, rows: 4 * n });
    for (const p of ['p1', 'p2', 'p3', 'p4']) expect(tail(store, { actor: p, limit: 1000 })).toHaveLength(n);
  });

  it('property: any single-field modification of any row is detected', async () => {
    const store = await openStore();
    fill(store, 8);
    const db = store.sqlite;
    const keyring = new Keyring(KEY_A);
    const columns = ['seq', 'ts', 'actor', 'actor_id', 'ip', 'action', 'target', 'outcome', 'request_id', 'details', 'key_id', 'prev_hmac', 'hmac'] as const;
    const value = fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.double(), fc.constant(null), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }));
    const read = (seq: number): RawAuditRow | undefined => db.prepare<[number], RawAuditRow>('SELECT * FROM audit_log WHERE seq = ?').get(seq);
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.constantFrom(...columns), value, (seq, column, v) => {
      db.exec('BEGIN');
      try {
        const before = read(seq);
        try {
          db.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = ?`).run(v, seq);
        } catch {
          fc.pre(false); // NOT NULL / UNIQUE constraint: the database itself refuses this edit
        }
        const after = column === 'seq' ? db.prepare<[], RawAuditRow>('SELECT * FROM audit_log WHERE seq NOT BETWEEN 1 AND 8').get() ?? read(seq) : read(seq);
        fc.pre(JSON.stringify(after) !== JSON.stringify(before));
        const r = verify(store, keyring);
        expect(r.ok).toBe(false);
        if (column !== 'seq' && !r.ok) expect(r.brokenAt).toBe(seq);
      } finally {
        db.exec('ROLLBACK');
      }
    }), { numRuns: 300 });
    expect(verify(store, keyring)).toEqual({ ok: true, rows: 8 });
  });
});

/** Bundles a tiny writer (openSqlite + Keyring + AuditLog from src/) with vite so child processes can run it with plain node. */
async function buildWriterScript(): Promise<string> {
  const out = join(dir, 'writer');
  const entry = join(dir, 'writer-entry.ts');
  writeFileSync(entry, `
    import { openSqlite } from ${JSON.stringify(join(ROOT, 'src/storage/sqlite/open.js'))};
    import { Keyring } from ${JSON.stringify(join(ROOT, 'src/security/keys/keyring.js'))};
    import { AuditLog } from ${JSON.stringify(join(ROOT, 'src/security/audit/audit-log.js'))};
    const [path, key, name, n, startAt] = process.argv.slice(2) as [string, string, string, string, string];
    const db = openSqlite({ path });
    const log = new AuditLog({ sqlite: db }, new Keyring(key));
    // start together so the writers really overlap
    const wait = Number(startAt) - Date.now();
    if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    for (let i = 0; i < Number(n); i++) log.record({ action: 'test.concurrent', outcome: 'info', actor: name, details: { i } });
    db.close();
  `);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const { build } = await import('vite');
  await build({ configFile: false, logLevel: 'error', root: dir, build: { ssr: entry, outDir: out, write: true, minify: false,
    rollupOptions: { external: ['better-sqlite3-multiple-ciphers'] } } });
  return join(out, 'writer-entry.mjs');
}
