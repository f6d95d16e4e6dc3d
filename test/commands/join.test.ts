/** join -f L,R [-t left|right] [TERMS] … — reference §6.3: join input rows with events. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('join', () => {
  it('left join: each matching event merged into the row (event wins); unmatched rows pass', async () => {
    const src = await h.rows([{ h: 'app1', tag: 'A' }, { h: 'zzz', tag: 'Z' }]);
    const r = await h.ok<Record<string, unknown>[]>(`${src} | join -f h,host index=app source=worker.log`);
    expect(r).toHaveLength(2);
    expect(r[0]).toMatchObject({ h: 'app1', tag: 'A', text: 'job done', index: 'app' });
    expect(r[0]).not.toHaveProperty('host', 'app1'); // R is removed from the right side
    expect(r[1]).toMatchObject({ h: 'zzz', tag: 'Z' });
  });
  it('one output row per matching event', async () => {
    const src = await h.rows([{ h: 'web1' }]);
    const r = await h.ok<Record<string, unknown>[]>(`${src} | join -f h,host --order-by created`);
    expect(r.map((x) => x['text'])).toEqual(['GET /index.html 200 ok', 'GET /about 200 ok']);
  });
  it('right join mirrors', async () => {
    const src = await h.rows([{ h: 'app2', tag: 'B' }]);
    const r = await h.ok<Record<string, unknown>[]>(`${src} | join -f h,host -t right index=app`);
    expect(r).toHaveLength(6);
    expect(r.filter((x) => x['tag'] === 'B')).toHaveLength(3);
  });
  it('missing keys never match', async () => {
    const src = await h.rows([{ other: 1 }]);
    expect(await h.ok(`${src} | join -f h,host`)).toEqual([{ other: 1 }]);
  });
  it('answers -h', async () => { await expectHelp(h, 'join', ['-f L,R']); });
  it('empty input, full/inner types and a missing -f are 400s', async () => {
    const e = await h.fail('join -f a,host');
    expect(e.command?.name).toBe('join');
    expect(e.message).toContain('No events found to join');
    const src = await h.rows([{ h: 'x' }]);
    expect((await h.fail(`${src} | join -f h,host -t full`)).message).toContain('not supported');
    expectCmdError(await h.fail(`${src} | join index=app`), 'DLV_QUERY_ARGUMENT', 'join', 2);
  });
  it('needs view_event', async () => {
    expect((await h.q('fake_data --list-of-dicts | join -f foo,host', { user: 'nobody' })).status).toBe(403);
  });
});
