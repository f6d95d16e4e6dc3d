import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import type { ExtractionMapSetting } from './extraction-map.js';
import {
  builtinExtractors,
  DEFAULT_EXTRACTION_MAP,
  loadExtractionMap,
  resolveExtractionMap,
  runExtractors,
} from './registry.js';
import type { Extractor } from './types.js';

const customPath = fileURLToPath(new URL('../../../test/fixtures/extractors/custom-extractor.mjs', import.meta.url));

function configError(fn: () => unknown): DelveError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DelveError) return e;
    throw e;
  }
  throw new Error('expected a DelveError');
}

async function configErrorAsync(p: Promise<unknown>): Promise<DelveError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DelveError) return e;
    throw e;
  }
  throw new Error('expected a DelveError');
}

describe('extraction map', () => {
  it('has the six builtins and the default map resolves', () => {
    expect(Object.keys(builtinExtractors).sort()).toEqual(['apache', 'csv', 'json', 'kv', 'syslog', 'xml']);
    const map = resolveExtractionMap(DEFAULT_EXTRACTION_MAP);
    expect([...map.keys()].sort()).toEqual(['apache', 'apache_combined', 'csv', 'json', 'kv', 'syslog', 'xml']);
    expect(map.get('json')).toEqual([builtinExtractors['json']]);
  });

  it('binds options (csv header) and runs lists in order', () => {
    const map = resolveExtractionMap({
      'text/csv': { extractor: 'csv', options: { header: ['a', 'b'] } },
      mixed: ['kv', { extractor: 'json', options: { maxDepth: 2 } }],
    });
    expect(runExtractors(map.get('text/csv')!, 'x,"y,z"', {})).toEqual({ a: 'x', b: 'y,z' });
    expect(runExtractors(map.get('mixed')!, '{"a":1}', {})).toMatchObject({ a: 1 });
    expect(runExtractors(map.get('mixed')!, '{"a":{"b":{"c":1}}}', {})['_extraction_error']).toMatch(/nesting/);
  });

  it('refuses unknown names, bad shapes and bad options with DLV_CONFIG_INVALID naming the setting', () => {
    const bad: unknown[] = [
      { x: 'nope' }, { x: 'toString' }, { x: '' }, { x: 42 }, { x: [1] }, { x: { extractor: 'csv', options: 'h' } },
      { x: { extractor: 'csv', extra: 1 } }, { x: { extractor: 'json', options: { maxDepth: 0 } } },
      { x: { extractor: 'json', options: { header: ['a'] } } }, { x: { extractor: 'csv', options: { header: ['a', 'a'] } } },
      { x: { extractor: 'csv', options: { header: ['__proto__'] } } }, { x: { extractor: 'csv', options: { header: [] } } },
      { x: 'module:relative/path.js' }, { x: `module:${customPath}#upper` }, [], null,
    ];
    for (const map of bad) {
      const e = configError(() => resolveExtractionMap(map as ExtractionMapSetting));
      expect(e.code, JSON.stringify(map)).toBe('DLV_CONFIG_INVALID');
      expect(e.field).toBe('DELVE_EXTRACTION_MAP');
      expect(e.message).toMatch(/^DELVE_EXTRACTION_MAP: /);
    }
  });

  it('loads custom extractor modules by absolute path and export name', async () => {
    const map = await loadExtractionMap({
      up: { extractor: `module:${customPath}#upper`, options: { prefix: 'p' } },
      len: `module:${customPath}`,
      scalar: `module:${customPath}#scalar`,
    });
    expect(runExtractors(map.get('up')!, 'abc', {})).toEqual({ upper: 'ABC', prefix: 'p' });
    expect(Object.getPrototypeOf(runExtractors(map.get('up')!, 'abc', {}))).toBe(Object.prototype);
    expect(runExtractors(map.get('len')!, 'abcd', {})).toEqual({ length: 4 });
    expect(runExtractors(map.get('scalar')!, 'abcd', { old: 1 })).toEqual({ old: 1, value: 4 });
  });

  it('refuses custom modules that are missing or do not export a function', async () => {
    for (const name of [`module:${customPath}#notAFunction`, `module:${customPath}#missing`, 'module:/no/such/file.js']) {
      const e = await configErrorAsync(loadExtractionMap({ x: name }));
      expect(e.code).toBe('DLV_CONFIG_INVALID');
      expect(e.field).toBe('DELVE_EXTRACTION_MAP');
    }
  });

  it('contains hostile custom extractors: cycles, promises, prototype pollution', async () => {
    const map = await loadExtractionMap({
      cyc: `module:${customPath}#hostile`, prom: `module:${customPath}#asyncOne`, pol: `module:${customPath}#pollute`,
    });
    expect(runExtractors(map.get('cyc')!, 'x', { keep: true })).toMatchObject({ keep: true, _extraction_error: expect.any(String) });
    expect(runExtractors(map.get('prom')!, 'x', {})['_extraction_error']).toMatch(/Promise/);
    const r = runExtractors(map.get('pol')!, 'x', {});
    expect(r).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('runExtractors', () => {
  it('merges over existing fields and records failures instead of throwing', () => {
    const json = builtinExtractors['json']!;
    expect(runExtractors([json], '{"a":1}', { a: 0, b: 2 })).toEqual({ a: 1, b: 2 });
    const r = runExtractors([json], 'not json', { b: 2 });
    expect(r['b']).toBe(2);
    expect(r['_extraction_error']).toMatch(/not valid JSON/);
  });

  it('drops a stale _extraction_error on success and keeps successes next to failures', () => {
    const [json, kv] = [builtinExtractors['json']!, builtinExtractors['kv']!];
    expect(runExtractors([json], '{"a":1}', { _extraction_error: 'old' })).toEqual({ a: 1 });
    expect(runExtractors([kv, json], 'a=1', {})).toMatchObject({ a: '1', _extraction_error: expect.stringMatching(/JSON/) });
  });

  it('never throws, whatever an extractor does', () => {
    const throwers: Extractor[] = [
      () => { throw new Error('plain'); },
      () => { throw 'a string'; },
      () => { throw Object.create(null) as Error; },
      () => { throw new Proxy(new Error('x'), { get: () => { throw new Error('trap'); } }); },
      () => 10n as unknown as Record<string, unknown>,
      () => undefined as unknown as Record<string, unknown>,
      () => new Proxy({}, { ownKeys: () => { throw new Error('trap'); } }),
    ];
    for (const t of throwers) {
      const r = runExtractors([t], 'x', { keep: 1 });
      expect(r['keep']).toBe(1);
      expect(() => JSON.stringify(r)).not.toThrow();
    }
    expect(runExtractors([throwers[0]!], 'x', {})['_extraction_error']).toBe('plain');
    expect(runExtractors([() => undefined as unknown as Record<string, unknown>], 'x', {})).toEqual({ value: null });
    expect(runExtractors([builtinExtractors['kv']!], 'a=1', null as unknown as Record<string, unknown>)).toEqual({ a: '1' });
  });
});
