import { describe, expect, it } from 'vitest';
import { lockoutText, loginNotice, MSG_BAD_CREDENTIALS, secondsLeft } from '../../web/src/features/auth/login-messages';

describe('login page texts', () => {
  it('explains why the login page is shown', () => {
    expect(loginNotice(new URLSearchParams('expired=1&next=%2Fexplore'))?.text).toBe('Your session expired — log in again.');
    expect(loginNotice(new URLSearchParams('logged_out=1'))?.text).toBe('You have been logged out.');
    expect(loginNotice(new URLSearchParams('next=%2Fx'))).toBeNull();
  });
  it('counts the lockout down in whole seconds', () => {
    expect(lockoutText(42)).toBe('Too many failed attempts. Try again in 42 s.');
    expect(lockoutText(0)).toBe('You can try again now.');
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 99_000)).toBe(0);
    expect(MSG_BAD_CREDENTIALS).toBe('Wrong username or password.');
  });
});
