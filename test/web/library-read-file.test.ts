/**
 * The Library's "Use in query" text: `read_file <title> [--parse fmt]` must reach the real read_file command with the
 * exact title, whatever characters it holds (quotes, pipes, spaces, #, template openers, a leading dash).
 * Round trip through the server's own splitter, template stage, tokenizer and argument parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/query/args/index.js';
import { readFileCommand as readFileDef } from '../../src/query/commands/extra/read-file.js';
import { splitPipeline, tokenize } from '../../src/query/lexer/index.js';
import { renderTemplate } from '../../src/query/template/index.js';
import { parseFormatFor, quoteWord, readFileCommand } from '../../web/src/features/library/read-file-command.js';

/** What the server makes of a query: the read_file arguments (or a description of the failure). */
function serverArgs(text: string): Record<string, unknown> {
  const segs = splitPipeline(text);
  if (segs.length !== 1) throw new Error(`split into ${segs.length} segments`);
  const rendered = renderTemplate(segs[0]!.source, { globals: { x: 'GLOBAL' }, locals: { x: 'LOCAL' } });
  if (!rendered.ok) throw new Error(`template: ${rendered.diagnostics[0]?.message}`);
  const toks = tokenize(rendered.value);
  if (!toks.ok) throw new Error(`tokenize: ${toks.diagnostics[0]?.message}`);
  const [head, ...rest] = toks.value;
  expect(head?.value).toBe('read_file');
  const args = parseArgs(readFileDef.spec, rest);
  if (!args.ok) throw new Error(`args: ${args.diagnostics[0]?.message}`);
  return args.value;
}

describe('parseFormatFor', () => {
  it('maps extensions to --parse formats, case-insensitively', () => {
    expect(parseFormatFor('data.csv')).toBe('csv');
    expect(parseFormatFor('DATA.CSV')).toBe('csv');
    expect(parseFormatFor('a.json')).toBe('json');
    expect(parseFormatFor('a.jsonl')).toBe('jsonl');
    expect(parseFormatFor('a.ndjson')).toBe('jsonl');
    expect(parseFormatFor('feed.xml')).toBe('xml');
    expect(parseFormatFor('notes.txt')).toBeNull();
    expect(parseFormatFor('csv')).toBeNull();
    expect(parseFormatFor('archive.csv.gz')).toBeNull();
  });
});

describe('readFileCommand', () => {
  it('builds the command by title with the format option', () => {
    expect(readFileCommand('data.csv')).toBe('read_file data.csv --parse csv');
    expect(readFileCommand('notes.txt')).toBe('read_file notes.txt');
    expect(readFileCommand('my data.json')).toBe("read_file 'my data.json' --parse json");
    expect(readFileCommand("it's.xml")).toBe("read_file 'it'\\''s.xml' --parse xml");
    expect(readFileCommand('-x.csv')).toBe('read_file --parse csv -- -x.csv');
    expect(readFileCommand('-a b')).toBe("read_file -- '-a b'");
    expect(readFileCommand('a.log', 'jsonl')).toBe('read_file a.log --parse jsonl');
  });

  it('quotes template openers so the template stage leaves them alone', () => {
    expect(quoteWord('{{x}}')).toBe("'{''{x}}'");
    expect(serverArgs(readFileCommand('{{x}}.csv'))).toMatchObject({ name: '{{x}}.csv', parse: 'csv' });
    expect(serverArgs(readFileCommand('{% raw %}{# c #}'))).toMatchObject({ name: '{% raw %}{# c #}' });
  });

  it('reaches the server parser with exactly the title (examples)', () => {
    for (const t of ['data.csv', 'a b.json', "o'brien.txt", 'a|b', 'a||b.csv', '#hash', 'x #y', '\\back\\slash', 'tab\there', 'new\nline',
      '-dash', '--parse', '-5', '"dq"', '$HOME', '`cmd`', 'ünïcode ✓.xml', '{{{', '{%', '{#', '{', '}}', ' lead and trail ']) {
      const parsed = serverArgs(readFileCommand(t));
      expect(parsed['name'], JSON.stringify(t)).toBe(t);
      expect(parsed['parse'] ?? null).toBe(parseFormatFor(t));
    }
  });

  it('reaches the server parser with exactly the title (any title the server accepts)', () => {
    const title = fc.string({ unit: fc.oneof(fc.constantFrom("'", '"', '|', '#', '{', '}', '%', '\\', ' ', '\n', '-', '$', '.', 'c', 's', 'v'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 24 })
      .filter((t) => t.trim() !== '' && !t.includes('\0'));
    fc.assert(fc.property(title, fc.constantFrom(null, 'csv', 'json', 'jsonl', 'xml' as const), (t, fmt) => {
      const parsed = serverArgs(readFileCommand(t, fmt));
      expect(parsed['name']).toBe(t);
      expect(parsed['parse'] ?? null).toBe(fmt);
    }), { numRuns: 500 });
  });
});
