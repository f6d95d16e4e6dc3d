import { describe, expect, it } from 'vitest';
import { parseSetupToken } from '../../web/src/features/auth/setup-token';

const T = 'AbC-123_def.456~xyz';

describe('parseSetupToken (the one-time link is /setup#token=...)', () => {
  it('reads the token from the fragment', () => {
    expect(parseSetupToken(`#token=${T}`)).toBe(T);
    expect(parseSetupToken(`#token=${encodeURIComponent('a+b/c==xyz')}`)).toBe('a+b/c==xyz');
    expect(parseSetupToken(`#x=1&token=${T}`)).toBe(T);
  });
  it('accepts a whole pasted link or a bare token', () => {
    expect(parseSetupToken(`  http://127.0.0.1:8000/setup#token=${T}\n`)).toBe(T);
    expect(parseSetupToken(T)).toBe(T);
  });
  it('refuses empty, malformed and fragment-less values', () => {
    for (const v of [null, undefined, '', '#', '#token=', '#token=short', 'http://host/setup', '/setup', `#token=${T}<script>`, '#token=%E0%A4%A', 'javascript:alert(1)'])
      expect(parseSetupToken(v), String(v)).toBeNull();
  });
});
