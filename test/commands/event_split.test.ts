/** event_split F — reference §6.3: array → one row per element; object → one per entry (F, F_key); else unchanged. */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('event_split', () => {
  it('splits an array into one row per element', async () => {
    const src = await h.rows([{ id: 1, t: ['a', 'b'] }, { id: 2, t: [] }, { id: 3, t: 'x' }]);
    expect(await h.ok(`${src} | event_split t`)).toEqual([{ id: 1, t: 'a' }, { id: 1, t: 'b' }, { id: 3, t: 'x' }]);
  });
  it('splits an object into one row per entry with F_key', async () => {
    const src = await h.rows([{ o: { x: 1, y: 2 } }]);
    expect(await h.ok(`${src} | event_split o`)).toEqual([{ o: 1, o_key: 'x' }, { o: 2, o_key: 'y' }]);
  });
  it('follows a__b paths of search rows (literal key F)', async () => {
    const r = await h.ok<Record<string, unknown>[]>('search host=web1 | qs_order_by created | select host extracted_fields | event_split extracted_fields__tags | select host extracted_fields__tags');
    expect(r).toEqual([{ host: 'web1', extracted_fields__tags: 'a' }, { host: 'web1', extracted_fields__tags: 'b' }, { host: 'web1', extracted_fields__tags: 'b' }]);
  });
  it('empty input gives []', async () => { expect(await h.ok('event_split t')).toEqual([]); });
  it('answers -h', async () => { await expectHelp(h, 'event_split'); });
  it('no field is a 400', async () => { expectCmdError(await h.fail('search | event_split'), 'DLV_QUERY_ARGUMENT', 'event_split', 1); });
});
