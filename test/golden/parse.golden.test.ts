/**
 * Golden tests for the query front end (split → tokenize → pipeline AST).
 * Cases live in parse.golden.txt (format described at its top). Run with UPDATE_GOLDEN=1 to rewrite
 * the expected lines from the current output — then review the diff before committing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../src/query/parser/index.js';
import { REFERENCE_COMMANDS } from './sample-commands.js';

const FILE = fileURLToPath(new URL('./parse.golden.txt', import.meta.url));
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
    if (!next.startsWith(ARROW)) throw new Error(`parse.golden.txt:${i + 2}: expected a line starting with '${ARROW}'`);
    out.push({ kind: 'case', query: line, expected: next.slice(ARROW.length), lineNo: i + 1 });
    i += 1;
  }
  return out;
}

/** Decode a query line: optional `spans: ` prefix, then literal text or `json:` + a JSON string. */
function decodeQuery(line: string): { text: string; spans: boolean } {
  let rest = line;
  const spans = rest.startsWith('spans: ');
  if (spans) rest = rest.slice('spans: '.length);
  const text = rest.startsWith('json:') ? (JSON.parse(rest.slice('json:'.length)) as string) : rest;
  return { text, spans };
}

/** The actual result of a query, in the golden format. */
export function render(line: string): string {
  const { text, spans } = decodeQuery(line);
  const r = parsePipeline(text, { isCommand: (n) => REFERENCE_COMMANDS.has(n) });
  if (!r.ok) {
    return `ERROR ${r.diagnostics.map((d) => `${d.code} @${d.span.start}-${d.span.end} ${d.message}`).join(' ;; ')}`;
  }
  const show = (value: string, s: { start: number; end: number }): string => (spans ? `${value}@${s.start}-${s.end}` : value);
  return JSON.stringify(r.value.segments.map((seg) => [show(seg.name, seg.nameSpan), ...seg.args.map((a) => show(a.value, a.span))]));
}

const entries = parseGoldenFile(readFileSync(FILE, 'utf8'));

if (process.env['UPDATE_GOLDEN'] === '1') {
  const updated = entries.map((e) => (e.kind === 'text' ? e.text : `${e.query}\n${ARROW}${render(e.query)}`)).join('\n');
  writeFileSync(FILE, updated);
}

describe('parse.golden.txt', () => {
  it('has cases', () => {
    expect(entries.filter((e) => e.kind === 'case').length).toBeGreaterThanOrEqual(60);
  });
  for (const e of entries) {
    if (e.kind !== 'case') continue;
    it(`line ${e.lineNo}: ${e.query}`, () => {
      expect(render(e.query)).toBe(e.expected);
    });
  }
});
