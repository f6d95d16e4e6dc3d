import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../sqlite/open.js';
import { Store } from '../store.js';
import { EventWriter, FtsIndexer, ftsMatchExpression, searchFullText } from './index.js';

// A fixed corpus of word soups (half indexed, half in the unindexed tail) and a reference matcher: a term is
// the phrase of its words; every term that has words must occur; terms without words add no condition, and a
// query with no words at all matches nothing (FTS5's behaviour for empty phrases).
const WORDS = ['alpha', 'beta', 'gamma', 'or', 'and', 'not', 'near', 'x1', 'Ünï', 'text'];
const SEPS = [' ', '-', ', ', '"', '*', ':', '(', ')', '^'];
const words = (s: string): string[] =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const hasPhrase = (doc: string[], p: string[]): boolean =>
  doc.some((_, i) => p.every((w, j) => doc[i + j] === w));

let dir: string;
let store: Store;
let docs: Map<number, string[]>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'delve-ftsprop-'));
  const path = join(dir, 'db.sqlite3');
  store = new Store(openSqlite({ path }), path);
  await store.migrate();
  const texts = fc.sample(fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPS)), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.map(([w, s]) => w + s).join('')), { numRuns: 200, seed: 42 });
  const writer = new EventWriter(store.sqlite);
  await writer.append(texts.map((text) => ({ created: 1, index: 'main', source: 's', sourcetype: 't', host: 'h', text, extracted_fields: null, user_id: null })));
  await writer.close();
  new FtsIndexer(store.sqlite, { batchSize: 100 }).indexBatch();
  const rows = store.sqlite.prepare('SELECT seq, text FROM events').all() as Array<{ seq: number; text: string }>;
  docs = new Map(rows.map((r) => [r.seq, words(r.text)]));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const expected = (terms: string[]): number[] => {
  const phrases = terms.map(words).filter((p) => p.length > 0);
  if (phrases.length === 0) return [];
  return [...docs].filter(([, d]) => phrases.every((p) => hasPhrase(d, p))).map(([seq]) => seq).sort((a, b) => b - a);
};

const syntaxy = fc.array(fc.oneof(fc.constantFrom(...WORDS, 'OR', 'NEAR', 'AND', 'NOT', 'text:', '{text}'),
  fc.constantFrom('"', '""', '*', '(', ')', ':', '^', '-', '+', ' ', ',', '\0'), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((a) => a.join(''));

describe('full-text MATCH escaping (property)', () => {
  it('arbitrary input never causes an SQLite error', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), syntaxy), { minLength: 1, maxLength: 4 }), (terms) => {
      const r = searchFullText(store.sqlite, { terms, limit: 500 });
      expect(Array.isArray(r)).toBe(true);
      store.sqlite.prepare('SELECT count(*) FROM events_fts WHERE events_fts MATCH ?').get(ftsMatchExpression(terms));
    }), { numRuns: 300 });
  });

  it('matches exactly the literal phrase semantics, in the index and in the unindexed tail', () => {
    fc.assert(fc.property(fc.array(syntaxy, { minLength: 1, maxLength: 3 }), (terms) => {
      expect(searchFullText(store.sqlite, { terms, limit: 500 })).toEqual(expected(terms));
    }), { numRuns: 300 });
  });
});
