import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, utf8Boundary, type LineOut } from './lines.js';

function feed(s: LineSplitter, ...chunks: string[]): LineOut[] {
  return chunks.flatMap((c) => s.push(Buffer.from(c)));
}

describe('LineSplitter', () => {
  it('splits on LF, strips CR before LF, tracks byte offsets', () => {
    const out = feed(new LineSplitter(100, 'split'), 'a\r\nbé\nc');
    expect(out).toEqual([
      { text: 'a', endOffset: 3 },
      { text: 'bé', endOffset: 7 },
    ]);
  });

  it('keeps a partial last line until its terminator arrives, across chunks', () => {
    const s = new LineSplitter(100, 'split');
    expect(feed(s, 'hel', 'lo')).toEqual([]);
    expect(s.pendingBytes).toBe(5);
    expect(feed(s, '\r', '\n')).toEqual([{ text: 'hello', endOffset: 7 }]);
  });

  it('blank lines advance the offset without text', () => {
    expect(feed(new LineSplitter(100, 'split'), '\n  \r\nx\n')).toEqual([{ endOffset: 1 }, { endOffset: 5 }, { text: 'x', endOffset: 7 }]);
  });

  it('flushPartial ships the pending bytes marked partial and marks the continuation', () => {
    const s = new LineSplitter(100, 'split', 10);
    feed(s, 'abc');
    expect(s.flushPartial()).toEqual({ text: 'abc', endOffset: 13, partial: true });
    expect(feed(s, 'def\nnext\n')).toEqual([
      { text: 'def', endOffset: 17, continuation: true },
      { text: 'next', endOffset: 22 },
    ]);
    expect(s.flushPartial()).toBeUndefined();
  });

  it('splits long lines into numbered chunks', () => {
    const out = feed(new LineSplitter(16, 'split'), `${'x'.repeat(40)}\nshort\n`);
    expect(out.map((o) => [o.text?.length, o.split, o.endOffset])).toEqual([
      [16, 1, 16],
      [16, 2, 32],
      [8, 3, 41],
      [5, undefined, 47],
    ]);
  });

  it('truncates long lines, marks them, and skips the rest up to LF', () => {
    const s = new LineSplitter(16, 'truncate');
    const out = feed(s, 'y'.repeat(20), 'z'.repeat(20), '\nok\n');
    expect(out).toEqual([{ text: 'y'.repeat(16), truncated: true, endOffset: 20 }, { endOffset: 41 }, { text: 'ok', endOffset: 44 }]);
  });

  it('never cuts a UTF-8 character in half', () => {
    const buf = Buffer.from('aé€😀');
    for (let max = 1; max < buf.length; max++) {
      const n = utf8Boundary(buf, max);
      expect(buf.subarray(0, n).toString('utf8')).not.toContain('\uFFFD');
    }
    const out = feed(new LineSplitter(16, 'split'), `${'€'.repeat(10)}\n`);
    expect(out.map((o) => o.text).join('')).toBe('€'.repeat(10));
  });

  it('gives the same lines and offsets however the input is chunked (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '\n', '\r', 'é', ' '), { maxLength: 200 }), fc.array(fc.nat(20), { maxLength: 30 }), (chars, cuts) => {
        const input = Buffer.from(chars.join(''));
        const whole = new LineSplitter(8, 'split').push(input);
        const s = new LineSplitter(8, 'split');
        const parts: LineOut[] = [];
        let pos = 0;
        for (const c of cuts) {
          parts.push(...s.push(input.subarray(pos, pos + c)));
          pos = Math.min(input.length, pos + c);
        }
        parts.push(...s.push(input.subarray(pos)));
        expect(parts).toEqual(whole);
        const last = whole.at(-1)?.endOffset ?? 0;
        expect(last + s.pendingBytes).toBe(input.length);
      }),
    );
  });
});
