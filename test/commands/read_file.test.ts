/** read_file NAME [--parse csv|json|jsonl|xml] [--allow-escape] — reference §6.1. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('read_file', () => {
  it('without --parse: title, url and the lines', async () => {
    await h.file('a\nb\n', 'plain.txt');
    const r = await h.ok<Record<string, unknown>[]>('read_file plain.txt');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ title: 'plain.txt', content: ['a\n', 'b\n'] });
    expect(String(r[0]!['url'])).toMatch(/\/api\/files\/.+\/download$/);
  });
  it('csv: one row per record with string columns', async () => {
    await h.file('name,n\nann,1\nbé,2\n', 'p.csv');
    const r = await h.ok<Record<string, unknown>[]>('read_file p.csv --parse csv | drop_fields url');
    expect(r).toEqual([{ title: 'p.csv', name: 'ann', n: '1' }, { title: 'p.csv', name: 'bé', n: '2' }]);
  });
  it('json array → one row per object; jsonl per line', async () => {
    await h.file('[{"a":1},{"a":2}]', 'arr.json');
    expect(await h.ok('read_file arr.json --parse json | drop_fields title url')).toEqual([{ a: 1 }, { a: 2 }]);
    await h.file('{"a":1}\n"s"\nnot json\n', 'l.jsonl');
    const r = await h.ok<Record<string, unknown>[]>('read_file l.jsonl --parse jsonl | drop_fields title url');
    expect(r).toEqual([{ content: { a: 1 } }, { content: 's' }, { content: 'not json' }]);
  });
  it('xml: root tag, @attributes, #text', async () => {
    await h.file('<r a="1"><i>x</i><i>y</i></r>', 'x.xml');
    expect(await h.ok('read_file x.xml --parse xml')).toEqual([{ r: { '@a': '1', i: ['x', 'y'] } }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'read_file', ['--parse {csv,json,jsonl,xml}']); });
  it('errors: missing file, other user\'s file, not first, bad parse option, invalid json', async () => {
    expect((await h.q('read_file nope.txt')).status).toBeGreaterThanOrEqual(400);
    await h.file('secret', 'roots.txt', 'root');
    expect((await h.q('read_file roots.txt')).status).toBeGreaterThanOrEqual(400);
    await h.file('x', 'ok.txt');
    const nf = await h.fail('fake_data --list-of-dicts | read_file ok.txt');
    expect(nf.command?.name).toBe('read_file');
    expectCmdError(await h.fail('read_file ok.txt --parse yaml'), 'DLV_QUERY_ARGUMENT', 'read_file', 0);
    await h.file('{bad', 'bad.json');
    expect((await h.fail('read_file bad.json --parse json')).command?.name).toBe('read_file');
    expect((await h.q('read_file ok.txt', { user: 'nobody' })).status).toBe(403);
  });
});
