import { describe, expect, it } from 'vitest';
import { auditFilterErrors, auditQueryString, detailsText, EMPTY_AUDIT_FILTERS, localToIso } from '../../web/src/features/admin/audit-query';

describe('admin audit filters', () => {
  it('turns datetime-local values into ISO instants the server accepts', () => {
    const iso = localToIso('2024-05-01T12:30');
    expect(iso).toBe(new Date('2024-05-01T12:30').toISOString());
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('yesterday')).toBeUndefined();
  });

  it('builds the query string, leaving out empty filters', () => {
    expect(auditQueryString(EMPTY_AUDIT_FILTERS, { limit: 50, offset: 0 })).toBe('limit=50');
    const qs = new URLSearchParams(auditQueryString({ actor: ' alice ', action: 'auth.*', outcome: 'denied', since: '2024-05-01T00:00', until: '' }, { limit: 50, offset: 100 }));
    expect(qs.get('actor')).toBe('alice');
    expect(qs.get('action')).toBe('auth.*');
    expect(qs.get('outcome')).toBe('denied');
    expect(qs.get('since')).toBe(new Date('2024-05-01T00:00').toISOString());
    expect(qs.has('until')).toBe(false);
    expect(qs.get('offset')).toBe('100');
  });

  it('validates the range and the outcome', () => {
    expect(auditFilterErrors(EMPTY_AUDIT_FILTERS)).toEqual({});
    expect(auditFilterErrors({ ...EMPTY_AUDIT_FILTERS, since: '2024-05-02T00:00', until: '2024-05-01T00:00' }).until).toMatch(/after/);
    expect(auditFilterErrors({ ...EMPTY_AUDIT_FILTERS, outcome: 'maybe' }).outcome).toBeTruthy();
  });

  it('shows details as compact JSON text, truncated', () => {
    expect(detailsText({})).toBe('');
    expect(detailsText({ a: '<img src=x>' })).toBe('{"a":"<img src=x>"}');
    expect(detailsText({ a: 'x'.repeat(500) }, 20)).toHaveLength(21);
  });
});
