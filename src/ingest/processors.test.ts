import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProcessorMap, ProcessorRunner, type ProcessedEvent } from './processors.js';

const FIX = resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'ingest', 'processor.mjs');
const ev = (sourcetype: string): ProcessedEvent => ({ id: 'i', created: '2024-01-01T00:00:00.000000Z', index: 'x', source: 's', sourcetype, host: 'h', text: 't', extracted_fields: {} });

describe('DELVE_PROCESSOR_MAP', () => {
  it('refuses relative paths, missing modules and non-function exports at startup', async () => {
    for (const bad of [{ a: 'record' }, { a: 'module:relative.js#x' }, { a: `module:${join('/nonexistent', 'x.mjs')}` }, { a: `module:${FIX}#missing` }, { a: [42] }, []]) {
      await expect(loadProcessorMap(bad), JSON.stringify(bad)).rejects.toMatchObject({ code: 'DLV_CONFIG_INVALID', field: 'DELVE_PROCESSOR_MAP' });
    }
  });
  it('runs processors once per event and logs (never throws) their failures', async () => {
    const map = await loadProcessorMap({ bad: [`module:${FIX}#explode`, `module:${FIX}#rejects`] });
    const warnings: string[] = [];
    const runner = new ProcessorRunner(map, { warn: (o) => warnings.push(String((o as { error: string }).error)) });
    runner.run([ev('bad'), ev('other')]);
    await runner.idle();
    expect(warnings.sort()).toEqual(['async processor bug', 'processor bug']);
  });
});
