import { describe, expect, it } from 'vitest';
import { dropFields, rename, select } from './fields.js';
import { run, runError } from './test-helpers.js';

const rows = [
  { id: 1, host: 'web1', extracted_fields: { status: 200, user: { name: 'a' } } },
  { id: 2, host: 'web2', extracted_fields: { status: 500 } },
];

describe('select', () => {
  it('keeps the given keys in the given order, walking __ paths; missing → null', async () => {
    expect(await run(select, rows, 'extracted_fields__status host extracted_fields__user__name nope')).toEqual([
      { extracted_fields__status: 200, host: 'web1', extracted_fields__user__name: 'a', nope: null },
      { extracted_fields__status: 500, host: 'web2', extracted_fields__user__name: null, nope: null },
    ]);
  });
  it('prefers a key spelled like the whole path (rows of projections)', async () => {
    expect(await run(select, [{ extracted_fields__foo: 3 }], 'extracted_fields__foo')).toEqual([{ extracted_fields__foo: 3 }]);
  });
  it('never reaches the prototype', async () => {
    expect(await run(select, [{ a: 1 }], 'constructor toString a__constructor')).toEqual([
      { constructor: null, toString: null, a__constructor: null },
    ]);
  });
  it('rejects non-list input instead of returning []', async () => {
    const e = await runError(select, { a: 1 }, 'a');
    expect(e.code).toBe('DLV_QUERY_TYPE');
    expect(e.message).toContain('select needs a list');
    expect((await runError(select, [1, 2], 'a')).message).toContain('row 1 is number');
  });
});

describe('drop_fields', () => {
  it('removes keys when present and leaves the input untouched', async () => {
    const input = [{ a: 1, b: 2 }, { b: 3 }];
    expect(await run(dropFields, input, 'a c')).toEqual([{ b: 2 }, { b: 3 }]);
    expect(input[0]).toEqual({ a: 1, b: 2 });
  });
});

describe('rename', () => {
  it('renames in place, overwriting TO', async () => {
    const out = (await run(rename, [{ a: 1, b: 2, c: 3 }], '-f a -t c')) as object[];
    expect(out).toEqual([{ c: 1, b: 2 }]);
    expect(Object.keys(out[0] as object)).toEqual(['c', 'b']);
  });
  it('errors on a row without FROM, naming the row', async () => {
    const e = await runError(rename, [{ a: 1 }, { b: 1 }], '-f a -t z');
    expect(e.code).toBe('DLV_QUERY_FIELD_MISSING');
    expect(e.message).toBe('rename: row 2 has no field "a".');
    expect(e.field).toBe('from');
  });
  it('requires both options', async () => {
    expect((await runError(rename, [], '-f a')).message).toContain('required: -t');
  });
  it('can name a field __proto__ without touching the prototype', async () => {
    const out = (await run(rename, [{ a: 1 }], '-f a -t __proto__')) as Record<string, unknown>[];
    const row = out[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.hasOwn(row, '__proto__')).toBe(true);
    expect(JSON.stringify(row)).toBe('{"__proto__":1}');
  });
});
