import { describe, expect, it } from 'vitest';
import { eventsToContext, resolve, set } from './context.js';
import { makeCtx, run, runError } from './test-helpers.js';

describe('resolve', () => {
  it('is the identity on resolved input', async () => {
    const input = [{ a: 1 }];
    expect(await run(resolve, input)).toBe(input);
    expect(await run(resolve, 5)).toBe(5);
  });
});

describe('set', () => {
  it('casts values into the local context and passes the input through', async () => {
    const ctx = makeCtx();
    const input = [{ a: 1 }];
    expect(await run(set, input, `n=10 hosts='["a"]' raw=[a] s=x q=a=b`, ctx)).toBe(input);
    expect(ctx.locals).toEqual({ n: 10, hosts: ['a'], raw: '[a]', s: 'x', q: 'a=b' });
  });
  it('rejects bad names, including ones that could touch prototypes', async () => {
    for (const bad of ['1a=1', '__proto__=1', 'a-b=1', 'noequals']) {
      expect((await runError(set, [], bad)).code).toBe('DLV_QUERY_ARGUMENT');
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('events_to_context', () => {
  it('stores the rows as "events" and returns them, or [] with -z', async () => {
    const ctx = makeCtx();
    const rows = [{ a: 1 }];
    expect(await run(eventsToContext, rows, '', ctx)).toBe(rows);
    expect(ctx.locals['events']).toBe(rows);
    expect(await run(eventsToContext, rows, '-z', ctx)).toEqual([]);
    expect(await run(eventsToContext, null, '', ctx)).toEqual([]);
  });
});
