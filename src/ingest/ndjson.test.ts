import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { readNdjson, type NdjsonItem } from './ndjson.js';

const opts = { maxBodyBytes: 1 << 20, maxLineChars: 1 << 16 };

async function collect(chunks: Uint8Array[], o = opts): Promise<NdjsonItem[]> {
  const out: NdjsonItem[] = [];
  async function* gen(): AsyncGenerator<Uint8Array> { for (const c of chunks) yield c; }
  for await (const b of readNdjson(gen(), o)) out.push(...b);
  return out;
}

/** Cuts a buffer at the given points (which may fall inside multi-byte characters). */
function cut(buf: Buffer, points: number[]): Uint8Array[] {
  const at = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...at, buf.length]) { parts.push(buf.subarray(prev, p)); prev = p; }
  return parts;
}

describe('readNdjson', () => {
  it('yields every value whatever the chunking, with CRLF, blank lines and multi-byte text (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.jsonValue(), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(),
      async (values, points, crlf) => {
        const text = values.map((v) => JSON.stringify(v)).join(crlf ? '\r\n\n' : '\n');
        const items = await collect(cut(Buffer.from(text, 'utf8'), points));
        expect(items.map((i) => i.value)).toEqual(JSON.parse(JSON.stringify(values)));
        expect(items.map((i) => i.position)).toEqual(values.map((_, k) => k));
      }), { numRuns: 300 });
  });
  it('reports invalid lines with line and column and keeps going', async () => {
    const items = await collect([Buffer.from('{"a":1}\n\n{"b": x}\n[1]')]);
    expect(items[1]).toMatchObject({ line: 3, position: 1, error: expect.stringContaining('line 3, column 7') });
    expect(items[2]).toMatchObject({ line: 4, value: [1] });
  });
  it('stops with DelveErrors only: bad UTF-8, body limit, long lines, broken streams (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), async (chunks) => {
      try {
        await collect(chunks, { maxBodyBytes: 200, maxLineChars: 40 });
      } catch (e) {
        expect(e).toBeInstanceOf(DelveError);
        expect(['DLV_EVENT_ENCODING', 'DLV_HTTP_BODY_TOO_LARGE', 'DLV_EVENT_TOO_LARGE']).toContain((e as DelveError).code);
      }
    }), { numRuns: 500 });
    await expect(collect([Buffer.from([0x7b, 0xff])])).rejects.toMatchObject({ code: 'DLV_EVENT_ENCODING' });
    await expect(collect([Buffer.from('x'.repeat(300))], { maxBodyBytes: 200, maxLineChars: 1000 })).rejects.toMatchObject({ code: 'DLV_HTTP_BODY_TOO_LARGE' });
    await expect(collect([Buffer.from('x'.repeat(100))], { maxBodyBytes: 1000, maxLineChars: 50 })).rejects.toMatchObject({ code: 'DLV_EVENT_TOO_LARGE' });
    async function* broken(): AsyncGenerator<Uint8Array> { yield Buffer.from('{}\n'); throw new Error('aborted'); }
    await expect((async () => { for await (const _ of readNdjson(broken(), opts)) { /* drain */ } })()).rejects.toMatchObject({ code: 'DLV_HTTP_BAD_REQUEST' });
  });
});
