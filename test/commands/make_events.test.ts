/** make_events [-i] [-o] [-s] [-t] [-S] [-d F]… — reference §6.6: rows → events; --save needs add_event + write. */
import { describe, expect, it } from 'vitest';
import { EVENTS, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('make_events', () => {
  it('builds unsaved events from rows (defaults; created null)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('fake_data --list-of-dicts | head -n 1 | make_events');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ created: null, index: 'default', host: '127.0.0.1', source: 'events', sourcetype: 'json', extracted_fields: { foo: 1, bar: 'foo' } });
    expect(JSON.parse(String(r[0]!['text']))).toEqual({ foo: 1, bar: 'foo' });
    expect(h.eventCount()).toBe(EVENTS.length);
  });
  it('$field options take row values; -d drops fields', async () => {
    const r = await h.ok<Record<string, unknown>[]>('fake_data --list-of-dicts | make_events -i made -o $bar -s src -d foo');
    expect(r.map((x) => x['host'])).toEqual(['foo', 'bar', 'foobar']);
    expect(r[0]).toMatchObject({ index: 'made', source: 'src', extracted_fields: { bar: 'foo' } });
  });
  it('--save stores them (search finds them)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('fake_data --list-of-dicts | make_events -i made -S');
    expect(r).toHaveLength(3);
    expect(r.every((x) => typeof x['created'] === 'string')).toBe(true);
    expect(await h.ok('search index=made | qs_count')).toBe(3);
  });
  it('works on search rows (datetimes are serialised)', async () => {
    const r = await h.ok<unknown[]>('search index=app --limit 1 | make_events');
    expect(r).toHaveLength(1);
  });
  it('answers -h', async () => { await expectHelp(h, 'make_events', ['-S, --save']); });
  it('--save is refused without add_event / index write access; nothing stored', async () => {
    const before = h.eventCount();
    expect((await h.q('fake_data --list-of-dicts | make_events -S -i x', { user: 'reader' })).status).toBe(403);
    expect((await h.q('fake_data --list-of-dicts | make_events -S -i x', { user: 'nobody' })).status).toBe(403);
    expect(h.eventCount()).toBe(before);
  });
  it('bad options are 400s', async () => {
    expect((await h.fail('fake_data --list-of-dicts | make_events --bogus')).command?.name).toBe('make_events');
  });
});
