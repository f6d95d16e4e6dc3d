import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { RecordingSink } from '../../../test/helpers/recording-sink.js';
import { loadEvents } from './load-events.js';
import { compileEventRegex, RegexEventSplitter } from './regex-events.js';

const defaults = { index: 'main', host: 'h', source: 'stdin', sourcetype: 'plain' };

function chunks(...parts: string[]): Readable {
  return Readable.from(parts.map((p) => Buffer.from(p)));
}

describe('create-events bulk loader', () => {
  it('loads a real file: one event per non-blank line, CRLF stripped, batches, events/s reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delve-bulk-'));
    try {
      const file = join(dir, 'in.log');
      writeFileSync(file, 'a\r\n\n  \nb\nc\r\nd');
      const sink = new RecordingSink();
      const r = await loadEvents({ input: createReadStream(file), totalBytes: statSync(file).size, defaults: { ...defaults, source: file }, sink, batchSize: 3 });
      expect(sink.texts()).toEqual(['a', 'b', 'c', 'd']);
      expect(sink.batches).toEqual([3, 1]);
      expect(sink.events[0]).toEqual({ index: 'main', host: 'h', source: file, sourcetype: 'plain', text: 'a' });
      expect(r).toMatchObject({ events: 4, bytes: 13, batches: 2, aborted: false });
      expect(r.seconds).toBeGreaterThanOrEqual(0);
      expect(r.eventsPerSecond).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reassembles lines and UTF-8 characters split across chunks (stdin-like stream)', async () => {
    const sink = new RecordingSink();
    const euro = Buffer.from('€');
    const input = Readable.from([Buffer.from('he'), Buffer.from('llo\nx'), euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('\n')])]);
    await loadEvents({ input, defaults, sink });
    expect(sink.texts()).toEqual(['hello', 'x€']);
  });

  it('splits lines longer than maxEventBytes and marks the chunks', async () => {
    const sink = new RecordingSink();
    await loadEvents({ input: chunks('x'.repeat(40), '\n'), defaults, sink, maxEventBytes: 16 });
    expect(sink.events.map((e) => [e.text.length, e.extracted_fields])).toEqual([
      [16, { _split: 1 }],
      [16, { _split: 2 }],
      [8, { _split: 3 }],
    ]);
  });

  it('one event per regex match, matches straddling chunk boundaries included', async () => {
    const sink = new RecordingSink();
    const input = chunks('junk\n2024-01-01 first\n  cont', 'inued\n2024-01-0', '2 second\n2024-01-03 third');
    const r = await loadEvents({ input, defaults, sink, eventRegex: '^\\d{4}-\\d\\d-\\d\\d (?:.(?!\\n\\d{4}-))*.', eventRegexFlags: 'ms' });
    expect(sink.texts()).toEqual(['2024-01-01 first\n  continued', '2024-01-02 second', '2024-01-03 third']);
    expect(r.events).toBe(3);
  });

  it('regex matching is independent of chunking (property)', () => {
    const re = compileEventRegex('\\[[a-z]+\\]', '');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('[', ']', 'a', 'b', ' ', '\n'), { maxLength: 120 }), fc.array(fc.nat(15), { maxLength: 20 }), (cs, cuts) => {
        const text = cs.join('');
        const expected = [...text.matchAll(/\[[a-z]+\]/g)].map((m) => m[0]);
        const s = new RegexEventSplitter(re);
        const got: string[] = [];
        let pos = 0;
        for (const c of cuts) {
          got.push(...s.push(text.slice(pos, pos + c)));
          pos = Math.min(text.length, pos + c);
        }
        got.push(...s.push(text.slice(pos)), ...s.end());
        expect(got).toEqual(expected);
      }),
    );
  });

  it('rejects bad regexes and options with clear codes', async () => {
    const sink = new RecordingSink();
    await expect(loadEvents({ input: chunks('a\n'), defaults, sink, eventRegex: '(' })).rejects.toMatchObject({ code: 'DLV_BULK_REGEX' });
    await expect(loadEvents({ input: chunks('a\n'), defaults, sink, eventRegex: 'a', eventRegexFlags: 'gy' })).rejects.toMatchObject({ code: 'DLV_BULK_REGEX' });
    await expect(loadEvents({ input: chunks('a\n'), defaults, sink, batchSize: 0 })).rejects.toMatchObject({ code: 'DLV_BULK_OPTION' });
  });

  it('a sink failure stops the load with the delivered count', async () => {
    const sink = new RecordingSink();
    sink.failWith = 'database is locked';
    const err = await loadEvents({ input: chunks('a\nb\n'), defaults, sink }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DelveError);
    expect((err as DelveError).details).toEqual({ events: 0 });
    expect((err as DelveError).message).toContain('database is locked');
  });

  it('abort (SIGTERM) delivers what was read and returns while the input is idle', async () => {
    const sink = new RecordingSink();
    const input = new PassThrough();
    const ac = new AbortController();
    const done = loadEvents({ input, defaults, sink, signal: ac.signal });
    input.write('one\ntwo\npart');
    await new Promise((r) => setImmediate(r));
    ac.abort();
    const r = await done;
    expect(r).toMatchObject({ aborted: true, events: 2 });
    expect(sink.texts()).toEqual(['one', 'two']);
  });

  it('draws a progress bar only on a TTY', async () => {
    const out: string[] = [];
    await loadEvents({ input: chunks('a\nb\n'), totalBytes: 4, defaults, sink: new RecordingSink(), progress: { isTTY: true, columns: 80, write: (s: string) => out.push(s) } });
    expect(out.join('')).toContain('100%');
    const quiet: string[] = [];
    await loadEvents({ input: chunks('a\n'), defaults, sink: new RecordingSink(), progress: { isTTY: false, write: (s: string) => quiet.push(s) } });
    expect(quiet).toEqual([]);
  });
});
