import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVENT_LIMITS, validateEventFields, validateNewEvent, UPDATE_FIELDS } from './validate-event.js';

const o = { limits: DEFAULT_EVENT_LIMITS, nowUs: Date.UTC(2024, 0, 1) * 1000 };

describe('validateNewEvent', () => {
  it('fills the reference defaults', () => {
    expect(validateNewEvent({ text: 'x' }, o)).toEqual({ ok: true, value: { index: 'default', host: '127.0.0.1', source: 'default', sourcetype: 'text', text: 'x', created: o.nowUs, extracted_fields: null } });
  });
  it('names the field at fault', () => {
    const field = (raw: unknown): string | undefined => { const r = validateNewEvent(raw, o); return r.ok ? undefined : r.error.field; };
    expect(field({})).toBe('text');
    expect(field({ text: '  \n' })).toBe('text');
    expect(field({ text: 'a\ud800' })).toBe('text');
    expect(field({ text: 'x', index: '../x' })).toBe('index');
    expect(field({ text: 'x', index: '_audit' })).toBeUndefined();
    expect(field({ text: 'x', host: 'a\nb' })).toBe('host');
    expect(field({ text: 'x', source: 'x'.repeat(256) })).toBe('source');
    expect(field({ text: 'x', extra: 1 })).toBe('extra');
    expect(field({ text: 'x', extracted_fields: { n: Number.NaN } })).toBe('extracted_fields');
    expect(field([{ text: 'x' }])).toBe('');
    expect(field(null)).toBe('');
  });
  it('reports an oversized text as DLV_EVENT_TOO_LARGE, counting UTF-8 bytes', () => {
    const small = { ...o, limits: { ...DEFAULT_EVENT_LIMITS, maxEventBytes: 10 } };
    expect(validateNewEvent({ text: 'ééééé' }, small).ok).toBe(true);
    const r = validateNewEvent({ text: 'éééééé' }, small);
    expect(r.ok ? null : r.error.code).toBe('DLV_EVENT_TOO_LARGE');
  });
  it('accepts epoch µs for collectors and refuses created on update', () => {
    expect(validateNewEvent({ text: 'x', created: 5 }, { ...o, createdFormat: 'micros' })).toMatchObject({ ok: true, value: { created: 5 } });
    expect(validateEventFields({ created: '2020-01-01' }, o, UPDATE_FIELDS)).toMatchObject({ ok: false, error: { field: 'created' } });
  });
  it('never throws, and everything it accepts is storable (property)', () => {
    const anyEvent = fc.oneof(
      fc.anything(),
      fc.record({ text: fc.oneof(fc.string(), fc.anything()), index: fc.oneof(fc.string(), fc.anything()), host: fc.string(), created: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), extracted_fields: fc.oneof(fc.object(), fc.anything()) }, { requiredKeys: [] }),
    );
    fc.assert(fc.property(anyEvent, (raw) => {
      const r = validateNewEvent(raw, o);
      if (r.ok) {
        expect(r.value.text).toMatch(/\S/);
        expect(Number.isSafeInteger(r.value.created) && r.value.created >= 0).toBe(true);
        expect(() => JSON.stringify(r.value.extracted_fields)).not.toThrow();
      } else {
        expect(['DLV_EVENT_INVALID', 'DLV_EVENT_TOO_LARGE']).toContain(r.error.code);
        expect(r.error.message.length).toBeGreaterThan(0);
      }
    }), { numRuns: 1000 });
  });
});
