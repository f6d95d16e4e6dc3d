import { describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { assertMayChange } from './admin.js';

const su = { id: 'su', is_superuser: 1 };
const su2 = { id: 'su2', is_superuser: 1 };
const mgr = { id: 'mgr', is_superuser: 0 };
const plain = { id: 'plain', is_superuser: 0 };

function denied(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DelveError);
    expect((e as DelveError).code).toBe('DLV_AUTH_FORBIDDEN');
    expect((e as DelveError).status).toBe(403);
    return (e as DelveError).message;
  }
  throw new Error('expected DLV_AUTH_FORBIDDEN');
}

describe('assertMayChange (escalation rules)', () => {
  it('nobody changes their own privileges, activity or (here) password — superusers included', () => {
    for (const f of ['is_superuser', 'groups', 'permissions', 'is_active']) {
      expect(denied(() => assertMayChange(su, su, [f]))).toContain('your own');
      expect(denied(() => assertMayChange(mgr, mgr, [f]))).toContain('your own');
    }
    expect(denied(() => assertMayChange(su, su, ['password']))).toContain('/api/auth/password');
    expect(() => assertMayChange(plain, plain, ['email', 'first_name', 'last_name'])).not.toThrow();
  });

  it('only superusers touch superusers or grant privileges', () => {
    expect(denied(() => assertMayChange(mgr, su, ['email']))).toContain('superuser');
    for (const f of ['is_superuser', 'groups', 'permissions']) {
      expect(denied(() => assertMayChange(mgr, plain, [f]))).toContain('superuser');
      expect(denied(() => assertMayChange(mgr, null, [f]))).toContain('superuser');
      expect(() => assertMayChange(su, plain, [f])).not.toThrow();
    }
    expect(() => assertMayChange(mgr, plain, ['email', 'is_active', 'password'])).not.toThrow();
    expect(() => assertMayChange(su, su2, ['is_superuser', 'is_active', 'password'])).not.toThrow();
  });
});
