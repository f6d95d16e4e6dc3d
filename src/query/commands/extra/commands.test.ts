import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDelveError } from '../../../errors.js';
import { createFileRecord, upsertQuery, writeStoredFile } from '../../saved/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import { parse, run, runError } from '../generic/test-helpers.js';
import { EXTRA_COMMANDS, makeEvents, readFileCommand, runQuery, sqlQuery } from './index.js';
import { parseFileRows } from './read-file.js';
import { accessFor, openTestEnv, recordingAppender, type TestEnv } from './test-services.js';

let t: TestEnv;
async function upload(userId: string, title: string, content: string): Promise<void> {
  const stored = await writeStoredFile(t.settings.DELVE_MEDIA_ROOT, Readable.from([Buffer.from(content)]), 1_000_000);
  await createFileRecord(t.store, t.settings.DELVE_MEDIA_ROOT, userId, title, stored);
}
beforeAll(async () => {
  t = await openTestEnv({ DELVE_PUBLIC_URL: 'https://delve.example' });
  await upload(t.alice.id, 'data.csv', 'a,b,title\n1,x,T\n2,"y,z",U\n');
  await upload(t.alice.id, 'arr.json', '[{"k":1},{"k":2},"s"]');
  await upload(t.alice.id, 'lines.jsonl', '{"a":1}\n[1,2]\n"str"\n{"p":"C:\\dir"}\nnot json\n');
  await upload(t.alice.id, 'doc.xml', '<r a="1"><i>x</i><i>y</i></r>');
  await upload(t.alice.id, 'bomb.xml', '<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>');
  await upload(t.alice.id, 'plain.txt', 'one\ntwo');
  await upload(t.bob.id, 'bob.csv', 'secret\n1\n');
});
afterAll(async () => t.close());

it('EXTRA_COMMANDS registers the six commands', () => {
  expect(EXTRA_COMMANDS.map((c) => c.spec.name).sort()).toEqual(['make_events', 'read_file', 'request', 'run_query', 'send_email', 'sql_query']);
});

describe('read_file', () => {
  const rf = (args: string, user = t.alice) => run(readFileCommand, [], args, t.ctx(user));
  it('reads the caller\'s own file, raw or parsed', async () => {
    const url = expect.stringMatching(/^https:\/\/delve\.example\/api\/files\/[0-9a-f-]{36}\/download$/);
    expect(await rf('plain.txt')).toEqual([{ title: 'plain.txt', url, content: ['one\n', 'two'] }]);
    expect(await rf('data.csv --parse csv')).toEqual([{ title: 'T', url, a: '1', b: 'x' }, { title: 'U', url, a: '2', b: 'y,z' }]);
    expect(await rf('arr.json --parse json')).toEqual([{ title: 'arr.json', url, k: 1 }, { title: 'arr.json', url, k: 2 }, { title: 'arr.json', url, content: 's' }]);
    expect(await rf('doc.xml --parse xml')).toEqual([{ r: { '@a': '1', i: ['x', 'y'] } }]);
    const lines = (await rf('lines.jsonl --parse jsonl')) as { content: unknown }[];
    expect(lines.map((l) => l.content)).toEqual([{ a: 1 }, 1, 2, 'str', '{"p":"C:\\dir"}', 'not json']);
    const escaped = (await rf('lines.jsonl --parse jsonl --allow-escape')) as { content: unknown }[];
    expect(escaped[4]?.content).toEqual({ p: 'C:\\dir' });
  });

  it('is owner-scoped and refuses XML entities', async () => {
    expect((await runError(readFileCommand, [], 'bob.csv', t.ctx(t.alice))).code).toBe('DLV_SAVED_NOT_FOUND');
    expect((await runError(readFileCommand, [], 'bomb.xml --parse xml', t.ctx(t.alice))).code).toBe('DLV_FILE_PARSE');
    expect(readFileCommand.permission).toBe('view_file');
  });

  it('parsers only ever throw DelveErrors (fuzz)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('csv', 'json', 'jsonl', 'xml', null), (text, mode) => {
      try {
        parseFileRows(text, mode, { title: 't', url: 'u' }, true, 10_000);
      } catch (e) {
        expect(isDelveError(e)).toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('sql_query', () => {
  let dbPath: string;
  beforeAll(() => {
    dbPath = join(t.home, 'ext.sqlite3');
    const db = new Database(dbPath);
    db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, blob BLOB); INSERT INTO items (name, blob) VALUES ('a', x'0102'), ('b', NULL)");
    db.close();
  });
  const ctx = (user = t.root) => t.ctx(user, { settings: { ...t.settings, DELVE_SQL_CONNECTIONS: { ext: `sqlite://${dbPath}`, rel: 'sqlite:///rel.db', pg: 'postgresql://x@y/z', missing: `sqlite://${t.home}/nope.db` } } });

  it('runs read-only SELECTs on a named connection and normalises rows', async () => {
    expect(await run(sqlQuery, [], '"ext" "SELECT id, name, blob FROM items ORDER BY id"', ctx())).toEqual([{ id: 1, name: 'a', blob: 'AQI=' }, { id: 2, name: 'b', blob: null }]);
  });

  it('refuses writes, other statements, unknown or unsupported connections and non-superusers', async () => {
    for (const sql of ['"DELETE FROM items"', '"INSERT INTO items (name) VALUES (1)"', '"ATTACH DATABASE \'/tmp/x.db\' AS x"', '"SELECT 1; DELETE FROM items"', '"CREATE TABLE z (a)"']) {
      expect((await runError(sqlQuery, [], `ext ${sql}`, ctx())).code, sql).toBe('DLV_SQL_FAILED');
    }
    expect(await run(sqlQuery, [], 'ext "SELECT count(*) AS n FROM items"', ctx())).toEqual([{ n: 2 }]);
    expect((await runError(sqlQuery, [], 'sqlite:///etc/passwd "SELECT 1"', ctx())).code).toBe('DLV_SQL_CONNECTION');
    expect((await runError(sqlQuery, [], 'rel "SELECT 1"', ctx())).code).toBe('DLV_SQL_CONNECTION');
    expect((await runError(sqlQuery, [], 'pg "SELECT 1"', ctx())).code).toBe('DLV_SQL_CONNECTION');
    expect((await runError(sqlQuery, [], 'missing "SELECT 1"', ctx())).code).toBe('DLV_SQL_CONNECTION');
    expect((await runError(sqlQuery, [], 'ext "SELECT 1"', ctx(t.alice))).code).toBe('DLV_AUTH_FORBIDDEN');
  });
});

describe('run_query', () => {
  /** A minimal stand-in for the runtime's runPipeline: runs `run_query NAME` / `echo`-free texts at depth+1. */
  function ctxAt(depth: number): ExecContext {
    const ctx = t.ctx(t.alice, { depth });
    ctx.services!.runPipeline = async (text: string, input: PipelineValue) => {
      const m = /^run_query (\S+)$/.exec(text.trim());
      if (m) return runQuery.run(ctxAt(depth + 1), input, parse(runQuery, m[1]!));
      return [{ ran: text }];
    };
    return ctx;
  }
  beforeAll(async () => {
    await upsertQuery(t.store, t.alice.id, { name: 'leaf', text: 'fake_data --list-of-dicts', _save: true });
    await upsertQuery(t.store, t.alice.id, { name: 'loop', text: 'run_query loop', _save: true });
    await upsertQuery(t.store, t.bob.id, { name: 'bobs', text: 'secret', _save: true });
  });

  it('runs the caller\'s saved query; input is kept in front of the results', async () => {
    expect(await run(runQuery, [], 'leaf', ctxAt(0))).toEqual([{ ran: 'fake_data --list-of-dicts' }]);
    expect(await run(runQuery, [{ a: 1 }], 'leaf', ctxAt(0))).toEqual([{ a: 1 }, { ran: 'fake_data --list-of-dicts' }]);
  });

  it('never runs other users\' queries and stops recursion at DELVE_RUN_QUERY_MAX_DEPTH', async () => {
    expect((await runError(runQuery, [], 'bobs', ctxAt(0))).code).toBe('DLV_SAVED_NOT_FOUND');
    const e = await runError(runQuery, [], 'loop', ctxAt(0));
    expect(e.code).toBe('DLV_RUN_QUERY_DEPTH');
    expect(e.message).toContain(String(t.settings.DELVE_RUN_QUERY_MAX_DEPTH));
  });
});

describe('make_events', () => {
  const rows = [{ idx: 'web', h: 'srv1', when: new Date('2024-01-02T03:04:05Z'), big: 12n, drop: 'x', n: 1 }];
  it('builds events: $field substitution strips only the leading $, dates and bigints serialise', async () => {
    const out = (await run(makeEvents, rows, '-i $idx -o $h -s lit$eral -d drop', t.ctx(t.alice))) as Record<string, unknown>[];
    expect(out[0]).toMatchObject({ created: null, index: 'web', host: 'srv1', source: 'lit$eral', sourcetype: 'json', extracted_fields: { idx: 'web', h: 'srv1', when: '2024-01-02T03:04:05.000Z', big: 12, n: 1 } });
    expect(JSON.parse(out[0]!.text as string)).not.toHaveProperty('drop');
    const missing = (await run(makeEvents, rows, '-i $nope', t.ctx(t.alice))) as Record<string, unknown>[];
    expect(missing[0]?.index).toBeNull();
    expect(makeEvents.permission).toBe('add_event');
  });

  it('--save stores through the event writer; index write access is checked per target index', async () => {
    const ingest = recordingAppender();
    const saved = (await run(makeEvents, rows, '-i $idx --save', t.ctx(t.alice, { ingest }))) as Record<string, unknown>[];
    expect(saved[0]).toMatchObject({ id: 'saved-1-0', index: 'web' });
    expect(typeof saved[0]?.created).toBe('string');
    expect(ingest.calls[0]).toMatchObject({ user: 'alice', events: [{ index: 'web', host: '127.0.0.1', source: 'events', sourcetype: 'json' }] });
    const denied = await runError(makeEvents, [{ i: 'web' }, { i: '_audit' }], '-i $i --save', t.ctx(t.alice, { ingest, access: accessFor((i) => !i.startsWith('_')) }));
    expect(denied.code).toBe('DLV_AUTH_FORBIDDEN');
    expect(ingest.calls).toHaveLength(1);
  });
});
