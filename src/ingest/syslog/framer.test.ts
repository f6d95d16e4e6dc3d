import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { SyslogFramer } from './index.js';
import type { FramerResult, SyslogFramerOptions } from './index.js';

/** Feeds `chunks` then flushes; returns every frame text and the collected results. */
function run(chunks: (string | Buffer)[], opts?: SyslogFramerOptions) {
  const f = new SyslogFramer(opts);
  const results: FramerResult[] = chunks.map((c) => f.push(typeof c === 'string' ? Buffer.from(c) : c));
  results.push(f.flush());
  return { f, results, texts: results.flatMap((r) => r.frames.map((x) => x.text)), frames: results.flatMap((r) => r.frames) };
}

const octet = (msg: string) => `${Buffer.byteLength(msg)} ${msg}`;

/** Splits `buf` at the given cut points (sorted, deduplicated). */
function split(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, buf.length]) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('SyslogFramer — RFC 6587 framing', () => {
  it('octet counting as sent by `logger --octet-count` (captured over TCP)', () => {
    const wire = '103 <14>1 2026-11-29T06:33:45.305017+00:00 vm myapp - - [timeQuality tzKnown="1" isSynced="0"] octet framed';
    const { texts, frames } = run([wire]);
    expect(texts).toEqual([wire.slice(4)]);
    expect(frames[0]!.framing).toBe('octet-counting');
  });

  it('LF, CRLF and NUL terminators; empty lines skipped', () => {
    const { texts, f } = run(['<13>a\n\n<13>b\r\n\r\n<13>c\0<13>d\n   \n']);
    expect(texts).toEqual(['<13>a', '<13>b', '<13>c', '<13>d']);
    expect(f.stats).toMatchObject({ frames: 4, errors: 0, truncated: 0 });
  });

  it('mixed octet-counted and LF frames on one connection', () => {
    const { frames } = run([`${octet('<13>one\nwith newline')}<13>two\n${octet('<13>three')}\n<13>four\n`]);
    expect(frames.map((f) => [f.text, f.framing])).toEqual([
      ['<13>one\nwith newline', 'octet-counting'], ['<13>two', 'non-transparent'],
      ['<13>three', 'octet-counting'], ['<13>four', 'non-transparent'],
    ]);
  });

  it('MSG-LEN counts bytes, and multi-byte UTF-8 split across chunks decodes', () => {
    const msg = '<13>héllo — 日本語 🎉';
    const wire = Buffer.from(octet(msg) + msg + '\n');
    for (let cut = 0; cut <= wire.length; cut++) {
      expect(run([wire.subarray(0, cut), wire.subarray(cut)]).texts).toEqual([msg, msg]);
    }
  });

  it('MSG-LEN split across chunks, one byte at a time', () => {
    const wire = Buffer.from(octet('<13>' + 'x'.repeat(200)) + octet('<13>y'));
    const bytes = [...wire].map((b) => Buffer.from([b]));
    expect(run(bytes).texts).toEqual(['<13>' + 'x'.repeat(200), '<13>y']);
  });

  it('lines that start with digits but have no MSG-LEN are LF frames', () => {
    expect(run(['2024-01-01 plain text\n42\n']).texts).toEqual(['2024-01-01 plain text', '42']);
  });

  it('flush() returns an unterminated last LF frame', () => {
    const f = new SyslogFramer();
    expect(f.push(Buffer.from('<13>done\n<13>partial')).frames.map((x) => x.text)).toEqual(['<13>done']);
    expect(f.flush().frames).toEqual([{ text: '<13>partial', truncated: false, framing: 'non-transparent' }]);
    expect(f.flush().frames).toEqual([]);
  });

  it('a connection ending inside an octet frame yields the partial frame, truncated, plus an error', () => {
    const { results, f } = run(['20 <13>short']);
    const last = results.at(-1)!;
    expect(last.frames).toEqual([{ text: '<13>short', truncated: true, framing: 'octet-counting' }]);
    expect(last.errors[0]).toBeInstanceOf(DelveError);
    expect(last.errors[0]!.code).toBe('DLV_SYSLOG_FRAME');
    expect(f.stats.errors).toBe(1);
  });
});

describe('SyslogFramer — limits', () => {
  const opts = { maxMessageBytes: 16, maxOctetCount: 64 };

  it('an over-long LF frame is emitted truncated and framing recovers', () => {
    const { frames, f } = run(['<13>' + 'a'.repeat(40), 'b'.repeat(40) + '\n<13>next\n'], opts);
    expect(frames).toEqual([
      { text: '<13>' + 'a'.repeat(12), truncated: true, framing: 'non-transparent' },
      { text: '<13>next', truncated: false, framing: 'non-transparent' },
    ]);
    expect(f.stats).toMatchObject({ frames: 2, truncated: 1, errors: 0 });
  });

  it('an octet count above maxMessageBytes (but within maxOctetCount) is truncated, then skipped', () => {
    const big = '<13>' + 'z'.repeat(46);
    const { frames } = run([octet(big) + octet('<13>ok')], opts);
    expect(frames.map((f) => [f.text, f.truncated])).toEqual([[big.slice(0, 16), true], ['<13>ok', false]]);
  });

  it('truncation never splits a UTF-8 character', () => {
    const { frames } = run(['<13>ab' + '€'.repeat(10) + '\n'], opts); // 16 bytes ends inside the 4th €
    expect(frames[0]!.text).toBe('<13>ab€€€');
    expect(frames[0]!.text).not.toContain('\uFFFD');
  });

  it('an absurd octet count is fatal: DLV_SYSLOG_FRAME and close', () => {
    const f = new SyslogFramer(opts);
    const r = f.push(Buffer.from(octet('<13>before') + '999999 <13>x'));
    expect(r.frames.map((x) => x.text)).toEqual(['<13>before']);
    expect(r.close).toBe(true);
    expect(r.errors[0]!.code).toBe('DLV_SYSLOG_FRAME');
    expect(f.closed).toBe(true);
    expect(f.push(Buffer.from('<13>ignored\n'))).toEqual({ frames: [], errors: [], close: true });
    expect(f.stats.errors).toBe(1);
  });

  it('RFC 5425 (TLS) mode requires MSG-LEN', () => {
    const f = new SyslogFramer({ framing: 'octet-counting' });
    const r = f.push(Buffer.from(octet('<13>ok') + '<13>lf framed\n'));
    expect(r.frames.map((x) => x.text)).toEqual(['<13>ok']);
    expect(r.close).toBe(true);
    expect(r.errors[0]!.code).toBe('DLV_SYSLOG_FRAME');
  });

  it('rejects bad options at construction', () => {
    for (const bad of [{ maxMessageBytes: 0 }, { maxMessageBytes: 1.5 }, { maxMessageBytes: 100, maxOctetCount: 10 }, { framing: 'x' }]) {
      expect(() => new SyslogFramer(bad as SyslogFramerOptions)).toThrow(DelveError);
    }
  });

  it('counts bytes', () => {
    expect(run(['<13>a\n', '<13>b\n']).f.stats).toEqual({ frames: 2, bytes: 12, truncated: 0, errors: 0 });
  });
});

describe('SyslogFramer — properties', () => {
  // Messages as the framer would return them: no trailing CR/LF/NUL, not blank, no LF/NUL inside LF frames.
  const msgChar = fc.oneof(fc.constantFrom('a', 'é', '日', '🎉', ' ', '[', '"', '\\', '1'), fc.string({ maxLength: 1, unit: 'grapheme' }));
  const body = fc.array(msgChar, { minLength: 1, maxLength: 40 }).map((cs) => '<13>' + cs.join('').replace(/[\r\n\0]/g, '_'));
  const framed = fc.tuple(body, fc.constantFrom('octet', 'lf', 'crlf', 'nul', 'octet-lf'));
  const encode = ([m, how]: [string, string]) =>
    how === 'octet' ? octet(m) : how === 'octet-lf' ? octet(m) + '\n' : how === 'lf' ? `${m}\n` : how === 'crlf' ? `${m}\r\n` : `${m}\0`;

  it('splitting the stream at arbitrary points yields the same messages', () => {
    fc.assert(
      fc.property(fc.array(framed, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (msgs, cuts) => {
        const wire = Buffer.from(msgs.map(encode).join(''));
        const expected = msgs.map(([m]) => m);
        expect(run(split(wire, cuts)).texts).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes never throw (only DelveErrors are reported) and the output is bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
        const f = new SyslogFramer({ maxMessageBytes: 64, maxOctetCount: 256 });
        for (const c of chunks) {
          const r = f.push(c);
          for (const e of r.errors) expect(e).toBeInstanceOf(DelveError);
          for (const fr of r.frames) expect(Buffer.byteLength(fr.text)).toBeLessThanOrEqual(64 * 3);
        }
        f.flush();
      }),
      { numRuns: 300 },
    );
  });
});
