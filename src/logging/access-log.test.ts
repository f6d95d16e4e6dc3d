import { describe, expect, it } from 'vitest';
import { accessLogLine } from './access-log.js';

describe('accessLogLine', () => {
  it('keeps method, path, harmless query, status, duration, bytes, address, id and user', () => {
    expect(accessLogLine({ method: 'get', url: '/api/x?token=SEKRET&page=2', status: 200, durationMs: 3.14159, bytes: 512, remoteAddress: '10.1.2.3', requestId: 'abc', user: 'ann' }))
      .toEqual({ method: 'GET', url: '/api/x?token=[redacted]&page=2', status: 200, durationMs: 3.14, bytes: 512, remoteAddress: '10.1.2.3', requestId: 'abc', user: 'ann' });
  });
  it('omits the user before authentication and normalizes a missing address to null', () => {
    const line = accessLogLine({ method: 'POST', url: '/login', status: 302, durationMs: 0, bytes: 0, remoteAddress: undefined, requestId: 'r' });
    expect(line).not.toHaveProperty('user');
    expect(line.remoteAddress).toBeNull();
  });
  it('caps an absurd method', () => {
    expect(accessLogLine({ method: 'X'.repeat(100), url: '/', status: 405, durationMs: 1, bytes: 0, remoteAddress: '::1', requestId: 'r' }).method).toHaveLength(16);
  });
});
