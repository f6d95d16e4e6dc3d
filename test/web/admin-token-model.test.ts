import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/auth/tokens';
import { curlExample, durationSeconds, expiresInFor, EXPIRY_CHOICES, tokenState } from '../../web/src/features/admin/token-model';

describe('admin token model', () => {
  it('accepts the same lifetimes as the server', () => {
    for (const t of ['45s', '30m', '12h', '90d', '2w', '3660d']) expect(durationSeconds(t)).toBe(parseDuration(t));
    for (const t of ['0d', '1y', '-1d', '1.5d', 'd', '99999w', '']) {
      expect(durationSeconds(t)).toBeNull();
      expect(() => parseDuration(t)).toThrow();
    }
    for (const c of EXPIRY_CHOICES) if (c.value !== 'never' && c.value !== 'custom') expect(durationSeconds(c.value)).not.toBeNull();
  });

  it('maps the expiry choice to expires_in', () => {
    expect(expiresInFor('never', '')).toEqual({ value: null });
    expect(expiresInFor('90d', 'ignored')).toEqual({ value: '90d' });
    expect(expiresInFor('custom', ' 12h ')).toEqual({ value: '12h' });
    expect(expiresInFor('custom', 'soon')).toHaveProperty('error');
  });

  it('curl examples use the $DELVE_TOKEN placeholder and the right endpoint', () => {
    const ingest = curlExample('https://delve.example', 'ingest');
    expect(ingest).toContain('Authorization: Bearer $DELVE_TOKEN');
    expect(ingest).toContain("'https://delve.example/api/events/'");
    expect(ingest).not.toContain('/api/query/');
    expect(curlExample('https://d', 'read')).toContain('/api/query/');
    const admin = curlExample('https://d', 'admin');
    expect(admin).toContain('/api/events/');
    expect(admin).toContain('/api/query/');
    expect(curlExample("https://o'brien", 'read')).toContain("'https://o'\\''brien/api/query/'");
  });

  it('derives a token state', () => {
    const now = Date.parse('2024-05-01T00:00:00Z');
    expect(tokenState({ expires: null, revoked: null }, now)).toBe('active');
    expect(tokenState({ expires: '2024-04-30T00:00:00Z', revoked: null }, now)).toBe('expired');
    expect(tokenState({ expires: '2025-01-01T00:00:00Z', revoked: '2024-04-01T00:00:00Z' }, now)).toBe('revoked');
  });
});
