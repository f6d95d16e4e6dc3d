import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerPurge } from '../../src/cli/purge.js';
import { RetentionJob } from '../../src/ingest/retention.js';
import { startEventsServer, type EventsServer } from './events-harness.js';

let t: EventsServer;
const DAY_US = 86_400_000_000;
beforeAll(async () => {
  t = await startEventsServer({ DELVE_RETENTION: JSON.stringify({ old: '30d' }) }, { maxQueue: 10 });
  await t.user('alice');
});
afterAll(async () => { await t?.close(); });

const count = (index: string): number => Number(t.store.sqlite.prepare('SELECT count(*) FROM events WHERE "index" = ?').pluck().get(index));
const ftsCount = (word: string): number => Number(t.store.sqlite.prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?').pluck().get(word));
const audits = (action: string): { target: string; details: string }[] => t.store.sqlite.prepare('SELECT target, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { target: string; details: string }[];

async function seed(index: string, word: string, ageDays: number, n: number): Promise<void> {
  const created = Date.now() * 1000 - ageDays * DAY_US;
  await t.ingest.writer.append(Array.from({ length: n }, () => ({ created, index, source: 's', sourcetype: 'text', host: 'h', text: `${word} event`, extracted_fields: null, user_id: null })));
}

describe('back-pressure', () => {
  it('answers 503 with Retry-After when the writer queue is full, and 413 for a request larger than the queue', async () => {
    await t.as('alice', 'GET', '/api/events/'); // warm the Basic-auth cache
    t.store.sqlite.exec('BEGIN'); // hold the writer: it never commits inside another transaction
    let first: ReturnType<EventsServer['as']> | undefined;
    try {
      first = t.as('alice', 'POST', '/api/events/', Array.from({ length: 8 }, (_, i) => ({ text: `queued ${i}`, index: 'bp' })));
      await vi.waitFor(() => expect(t.ingest.writer.stats().queued).toBe(8), { timeout: 10_000 });
      const busy = await t.as('alice', 'POST', '/api/events/', Array.from({ length: 8 }, () => ({ text: 'no room', index: 'bp' })));
      expect(busy.status).toBe(503);
      expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(busy.json()).toMatchObject({ error: { code: 'DLV_INGEST_BUSY' } });
      const nd = await t.as('alice', 'POST', '/api/events/', '{"text":"a","index":"bp"}\n{"text":"b","index":"bp"}\n{"text":"c","index":"bp"}\n', { 'content-type': 'application/x-ndjson' });
      expect(nd.status).toBe(503);
      expect(nd.headers['retry-after']).toBeDefined();
    } finally {
      t.store.sqlite.exec('COMMIT');
    }
    expect((await first!).status).toBe(201);
    expect(count('bp')).toBe(8);
    const big = await t.as('alice', 'POST', '/api/events/', Array.from({ length: 11 }, () => ({ text: 'too many', index: 'bp' })));
    expect(big.status).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'DLV_INGEST_BATCH_TOO_LARGE' } });
  });
});

describe('retention (DELVE_RETENTION)', () => {
  it('deletes old events of the configured index in batches, removes them from the full-text index, and audits', async () => {
    await seed('old', 'ancient', 40, 10);
    await seed('old', 'recent', 1, 3);
    await seed('other', 'ancient', 40, 2);
    await t.ingest.indexer.catchUp();
    expect(ftsCount('ancient')).toBe(12);
    const res = await t.ingest.retention.runOnce();
    expect(res).toEqual({ old: 10 });
    expect(count('old')).toBe(3);
    expect(count('other')).toBe(2);
    expect(ftsCount('ancient')).toBe(2);
    const a = audits('events.purge').at(-1)!;
    expect(a.target).toBe('old');
    expect(JSON.parse(a.details)).toMatchObject({ deleted: 10, older_than_seconds: 30 * 86400 });
  });
  it('a job runs once at start, then periodically', async () => {
    await seed('old', 'ancient', 40, 10);
    const job = new RetentionJob({ sqlite: t.store.sqlite, policy: new Map([['old', 30 * 86400]]), intervalMs: 3_600_000 });
    job.start();
    await vi.waitFor(() => expect(count('old')).toBe(3), { timeout: 10_000 });
    await job.stop();
  });
});

describe('./fl purge', () => {
  async function purge(...args: string[]): Promise<string> {
    const program = new Command('fl').exitOverride().option('--home <dir>');
    registerPurge(program);
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out += String(s); return true; });
    const prev = process.env.DELVE_SECRET_KEY;
    process.env.DELVE_SECRET_KEY = 'test-key-A-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';
    try {
      await program.parseAsync(['node', 'fl', '--home', t.home, 'purge', ...args]);
    } finally {
      spy.mockRestore();
      if (prev === undefined) delete process.env.DELVE_SECRET_KEY; else process.env.DELVE_SECRET_KEY = prev;
    }
    return out;
  }
  it('--dry-run counts, a real run deletes only older events of that index and is audited', async () => {
    await seed('cli', 'cliold', 10, 4);
    await seed('cli', 'clinew', 2, 2);
    expect(JSON.parse(await purge('--index', 'cli', '--older-than', '7d', '--dry-run', '--json'))).toEqual({ dry_run: true, counts: { cli: 4 } });
    expect(count('cli')).toBe(6);
    expect(await purge('--index', 'cli', '--older-than', '7d')).toContain('Deleted 4 event(s) from index "cli"');
    expect(count('cli')).toBe(2);
    expect(audits('events.purge').at(-1)).toMatchObject({ target: 'cli' });
  });
  it('refuses bad ages and half-given options', async () => {
    await expect(purge('--index', 'cli', '--older-than', 'soon')).rejects.toMatchObject({ code: 'DLV_RETENTION_INVALID' });
    await expect(purge('--index', 'cli')).rejects.toMatchObject({ code: 'DLV_CLI_USAGE' });
    await expect(purge('--index', '../etc', '--older-than', '1d')).rejects.toMatchObject({ code: 'DLV_CLI_USAGE' });
  });
});
