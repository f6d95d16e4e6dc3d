/**
 * Property tests for the whole front end: for any input, split/tokenize/parsePipeline/parseArgs/cast
 * never throw, and every span lies within [0, text.length] with start <= end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePipeline } from './index.js';
import { splitPipeline, tokenize } from '../lexer/index.js';
import { parseArgs } from '../args/index.js';
import { cast } from '../cast/index.js';
import type { Span } from '../diagnostics.js';
import { REFERENCE_COMMANDS, SAMPLE_SPECS } from '../../../test/golden/sample-commands.js';

/** Strings rich in the characters the lexer cares about, plus arbitrary unicode. */
const queryText = fc.oneof(
  fc.string({ maxLength: 80, unit: 'grapheme' }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('|', '||', "'", '"', '\\', '#', ' ', '\n', '\t', '=', '-', '--', '-n', '--limit', '--last', '😀', 'é'),
        fc.constantFrom('search', 'head', 'chart', 'make_events', 'a', 'x=1', '5', '-h', '-x', '-y', '-Sv', '--by'),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

function inRange(span: Span, length: number): void {
  expect(span.start).toBeGreaterThanOrEqual(0);
  expect(span.end).toBeLessThanOrEqual(length);
  expect(span.start).toBeLessThanOrEqual(span.end);
}

describe('front end never throws and keeps spans in range', () => {
  it('parsePipeline', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const r = parsePipeline(text, { isCommand: (n) => REFERENCE_COMMANDS.has(n) });
        if (!r.ok) {
          expect(r.diagnostics.length).toBeGreaterThan(0);
          for (const d of r.diagnostics) inRange(d.span, text.length);
          return;
        }
        let previousEnd = 0;
        for (const seg of r.value.segments) {
          for (const s of [seg.span, seg.rawSpan, seg.nameSpan, ...seg.args.map((a) => a.span)]) inRange(s, text.length);
          expect(seg.rawSpan.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = seg.rawSpan.end;
          expect(seg.offsets.length).toBe(seg.source.length + 1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('splitPipeline covers the text in order', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const segs = splitPipeline(text);
        expect(segs[0]?.rawSpan.start).toBe(0);
        expect(segs[segs.length - 1]?.rawSpan.end).toBe(text.length);
        for (const s of segs) for (const o of s.offsets) expect(o >= s.rawSpan.start && o <= s.rawSpan.end).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('tokenize', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        const r = tokenize(text);
        const spans = r.ok ? r.value.map((t) => t.span) : r.diagnostics.map((d) => d.span);
        for (const s of spans) inRange(s, text.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('parseArgs on every sample command', () => {
    const specs = Object.values(SAMPLE_SPECS);
    fc.assert(
      fc.property(queryText, fc.constantFrom(...specs), (text, spec) => {
        const t = tokenize(text);
        if (!t.ok) return;
        const r = parseArgs(spec, t.value, { span: { start: 0, end: text.length } });
        if (!r.ok) {
          expect(r.diagnostics).toHaveLength(1);
          expect(r.diagnostics[0]?.code).toBe('DLV_QUERY_ARGUMENT');
          for (const d of r.diagnostics) inRange(d.span, text.length);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('cast', () => {
    fc.assert(
      fc.property(queryText, (text) => {
        cast(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('round trips', () => {
  const shellQuote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
  it('single-quoted words tokenize back to themselves, pipes and all', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }), { minLength: 1, maxLength: 4 }), (segments) => {
        const text = segments.map((words) => ['search', ...words.map(shellQuote)].join(' ')).join(' | ');
        const r = parsePipeline(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.segments.map((s) => s.args.map((a) => a.value))).toEqual(segments);
      }),
      { numRuns: 500 },
    );
  });
  it('an unquoted word spans exactly its own text', () => {
    const word = fc.stringMatching(/^[a-z0-9=_.,:-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '  ', '\n', '\t'), (words, sep) => {
        const text = words.join(sep);
        const r = tokenize(text);
        expect(r.ok && r.value.map((t) => text.slice(t.span.start, t.span.end))).toEqual(words);
      }),
      { numRuns: 300 },
    );
  });
});
