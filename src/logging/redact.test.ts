import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CENSOR, isSecretKey, isSensitiveQueryKey, MAX_LOGGED_URL_LENGTH, redactUrl, sanitizeForLog } from './redact.js';

const SECRET_QUERY_KEYS = ['token', 'access_token', 'api_key', 'apiKey', 'key', 'secret', 'password', 'passwd', 'pwd',
  'auth', 'signature', 'sig', 'X-Amz-Signature', 'code', 'state', 'session', 'sessionid', 'csrf', 'csrfmiddlewaretoken',
  'jwt', 'ticket', 'TOKEN', 'tok%65n', 'pass+word'];

describe('isSecretKey / isSensitiveQueryKey', () => {
  it('flags secret-looking object keys, case and separators ignored', () => {
    for (const k of ['password', 'newPassword', 'SECRET_KEY', 'secret_key', 'token', 'apiToken', 'api-key', 'Authorization',
      'cookie', 'set-cookie', 'csrfToken', 'x-csrf-token', 'privateKey', 'passphrase', 'credentials', 'DATABASE_DSN', 'dsn',
      'pwd', 'key', 'sessionId', 'session', 'signature', 'hmac']) expect(isSecretKey(k), k).toBe(true);
  });
  it('leaves ordinary keys alone', () => {
    for (const k of ['user', 'username', 'status', 'code', 'msg', 'url', 'method', 'requestId', 'page', 'count', 'host', 'index'])
      expect(isSecretKey(k), k).toBe(false);
  });
  it('treats more query keys as sensitive (code, state, sig...) but not paging ones', () => {
    for (const k of ['code', 'state', 'sig', 'X-Amz-Signature', 'keyId', 'ticket', 'auth_code']) expect(isSensitiveQueryKey(k), k).toBe(true);
    for (const k of ['page', 'limit', 'sort', 'q', 'index', 'from', 'to', 'format']) expect(isSensitiveQueryKey(k), k).toBe(false);
  });
});

describe('redactUrl', () => {
  it('keeps the path and harmless parameters and redacts sensitive values', () => {
    expect(redactUrl('/api/x?token=SEKRET&page=2')).toBe(`/api/x?token=${CENSOR}&page=2`);
    expect(redactUrl('/cb?code=abc&state=xyz&next=%2Fhome')).toBe(`/cb?code=${CENSOR}&state=${CENSOR}&next=%2Fhome`);
    expect(redactUrl('/api/x')).toBe('/api/x');
    expect(redactUrl('/api/x?')).toBe('/api/x?');
  });
  it('decodes percent-encoded and plus-encoded keys before deciding', () => {
    expect(redactUrl('/x?tok%65n=S1&pass+word=S2&PASSWORD=S3')).not.toMatch(/S1|S2|S3/);
  });
  it('splits on ; as well as &, drops fragments, path parameters and user-info', () => {
    expect(redactUrl('/x?a=1;token=S1')).toBe(`/x?a=1;token=${CENSOR}`);
    expect(redactUrl('/x#access_token=S2')).toBe('/x');
    expect(redactUrl('/x;jsessionid=S3/y?page=1')).toBe('/x/y?page=1');
    expect(redactUrl('https://bob:S4@example.com/p?page=1')).toBe(`https://${CENSOR}@example.com/p?page=1`);
  });
  it('redacts bare parameters that look sensitive or are long', () => {
    expect(redactUrl('/x?debug')).toBe('/x?debug');
    expect(redactUrl('/x?token')).toBe(`/x?${CENSOR}`);
    expect(redactUrl(`/x?${'A'.repeat(40)}`)).toBe(`/x?${CENSOR}`);
  });
  it('caps the length and tolerates non-strings', () => {
    expect(redactUrl(`/${'a'.repeat(5000)}`).length).toBe(MAX_LOGGED_URL_LENGTH + 1);
    expect(redactUrl(undefined)).toBe('');
    expect(redactUrl(42)).toBe('');
  });
  it('property: a value under a sensitive key never survives, and redactUrl never throws', () => {
    const marker = fc.stringMatching(/^[A-Za-z0-9]{8,20}$/).map((s) => `ZQ${s}`);
    const harmless = fc.constantFrom('page', 'limit', 'sort', 'index', 'from');
    fc.assert(fc.property(fc.constantFrom(...SECRET_QUERY_KEYS), marker, harmless, fc.string(), fc.stringMatching(/^\/[a-z/]{0,20}$/),
      (key, secret, other, otherValue, path) => {
        const url = `${path}?${other}=${encodeURIComponent(otherValue)}&${key}=${encodeURIComponent(secret)}#frag`;
        const out = redactUrl(url);
        expect(out).not.toContain(secret);
        expect(out).toContain(`${other}=${encodeURIComponent(otherValue)}`);
      }));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => { expect(typeof redactUrl(s)).toBe('string'); }));
  });
});

describe('sanitizeForLog', () => {
  it('redacts secret keys at any depth and redacts URLs in url-like keys', () => {
    const input = {
      user: 'ann', password: 'P1', nested: { deeper: [{ apiToken: 'P2', ok: 1 }], headers: { authorization: 'Bearer P3', cookie: 'sid=P4', accept: '*/*' } },
      url: '/x?token=P5&page=2', settings: { SECRET_KEY: 'P6', DATABASE_DSN: 'postgres://u:P7@h/db' }, empty: { token: '' },
    };
    const out = sanitizeForLog(input);
    const text = JSON.stringify(out);
    for (const s of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']) expect(text).not.toContain(s);
    expect(out.user).toBe('ann');
    expect(out.nested.headers.accept).toBe('*/*');
    expect(out.url).toBe(`/x?token=${CENSOR}&page=2`);
    expect(out.empty.token).toBe('');
    expect(input.password).toBe('P1'); // the argument is not modified
    expect(sanitizeForLog({ database: 'postgres://delve:P8@db:5432/x', note: 'see https://a.b/c' }))
      .toEqual({ database: `postgres://delve:${CENSOR}@db:5432/x`, note: 'see https://a.b/c' });
  });
  it('handles cycles and depth, and leaves class instances to the serializers', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(sanitizeForLog(a).self).toBe('[circular]');
    let deep: Record<string, unknown> = { token: 'DEEP' };
    for (let i = 0; i < 20; i++) deep = { child: deep };
    expect(JSON.stringify(sanitizeForLog(deep))).not.toContain('DEEP');
    const err = new Error('boom');
    const date = new Date(0);
    expect(sanitizeForLog({ err, date }).err).toBe(err);
    expect(sanitizeForLog({ err, date }).date).toBe(date);
  });
  it('property: never throws, and no value under a secret key survives', () => {
    fc.assert(fc.property(fc.anything(), (v) => { sanitizeForLog(v); }));
    const secretKey = fc.constantFrom('password', 'token', 'secret', 'authorization', 'cookie', 'api_key', 'SECRET_KEY', 'passphrase');
    const marker = fc.stringMatching(/^[A-Za-z0-9]{8,16}$/).map((s) => `ZQ${s}`);
    fc.assert(fc.property(fc.object(), secretKey, marker, fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 5 }), (obj, key, secret, path) => {
      const root: Record<string, unknown> = { ...obj };
      let cur = root;
      for (const p of path.filter((x) => !isSecretKey(x))) { const next: Record<string, unknown> = {}; cur[p] = next; cur = next; }
      cur[key] = secret;
      expect(JSON.stringify(sanitizeForLog(root))).not.toContain(secret);
    }));
  });
});
