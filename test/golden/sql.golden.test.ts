/**
 * Golden tests for the SQL compiler: `query ==> SQL ;; params` (search/join/qs_* → ONE parameterised statement).
 * Cases live in sql.golden.txt: a query line, optionally prefixed `acl=<comma-separated patterns>: ` (a
 * non-superuser) or `like: ` (bare words as LIKE instead of FTS), followed by a `==> ` line. Run with
 * UPDATE_GOLDEN=1 to rewrite the expected lines from the current output, then review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDelveError } from '../../src/errors.js';
import { runDbPipeline } from '../../src/query/commands/qs/pipeline-for-tests.js';
import { EventQuery } from '../../src/query/plan/index.js';
import { openTestEventDb, type TestEventDb } from '../../src/query/plan/testing.js';

const FILE = fileURLToPath(new URL('./sql.golden.txt', import.meta.url));
const ARROW = '==> ';

type Line = { kind: 'text'; text: string } | { kind: 'case'; query: string; expected: string; lineNo: number };

function parseGoldenFile(content: string): Line[] {
  const lines = content.split('\n');
  const out: Line[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '' || line.startsWith('#')) {
      out.push({ kind: 'text', text: line });
      continue;
    }
    const next = lines[i + 1] ?? '';
    out.push({ kind: 'case', query: line, expected: next.startsWith(ARROW) ? next.slice(ARROW.length) : '', lineNo: i + 1 });
    if (next.startsWith(ARROW)) i += 1;
  }
  return out;
}

let db: TestEventDb;

async function render(line: string): Promise<string> {
  let text = line;
  let acl = { all: true, patterns: [] as string[] };
  let mode: 'fts' | 'like' = 'fts';
  const m = /^acl=([^:]*): /.exec(text);
  if (m) {
    acl = { all: false, patterns: (m[1] ?? '').split(',').filter((p) => p !== '') };
    text = text.slice(m[0].length);
  }
  if (text.startsWith('like: ')) {
    mode = 'like';
    text = text.slice('like: '.length);
  }
  const ctx = db.ctx({ acl });
  if (ctx.events) ctx.events.textSearch = mode;
  try {
    const v = await runDbPipeline(ctx, text);
    if (v instanceof EventQuery) {
      const c = v.compile();
      return `${c.sql} ;; ${JSON.stringify(c.params)}`;
    }
    return `VALUE ${JSON.stringify(v)}`;
  } catch (e) {
    if (isDelveError(e)) return `ERROR ${e.code} ${e.message}`;
    throw e;
  }
}

const entries = parseGoldenFile(readFileSync(FILE, 'utf8'));

describe('SQL golden file', () => {
  beforeAll(async () => {
    db = await openTestEventDb();
    if (process.env['UPDATE_GOLDEN'] === '1') {
      const out: string[] = [];
      for (const e of entries) out.push(e.kind === 'text' ? e.text : `${e.query}\n${ARROW}${await render(e.query)}`);
      writeFileSync(FILE, out.join('\n'));
    }
  });
  afterAll(async () => db.close());

  it('has enough cases', () => {
    expect(entries.filter((e) => e.kind === 'case').length).toBeGreaterThanOrEqual(40);
  });

  for (const e of entries) {
    if (e.kind !== 'case') continue;
    it(`line ${e.lineNo}: ${e.query}`, async () => {
      expect(await render(e.query)).toBe(e.expected);
    });
  }
});
