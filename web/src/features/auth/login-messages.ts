/** Texts of the login page, kept pure so they can be tested without a browser. */
export const MSG_BAD_CREDENTIALS = 'Wrong username or password.';
export const MSG_EXPIRED = 'Your session expired — log in again.';
export const MSG_LOGGED_OUT = 'You have been logged out.';

/** The note shown above the form for ?expired=1 / ?logged_out=1. */
export function loginNotice(search: URLSearchParams): { kind: 'info' | 'warning'; text: string } | null {
  if (search.get('expired') === '1') return { kind: 'warning', text: MSG_EXPIRED };
  if (search.get('logged_out') === '1') return { kind: 'info', text: MSG_LOGGED_OUT };
  return null;
}

export function lockoutText(secondsLeft: number): string {
  const p = lockoutParts(secondsLeft);
  return p.text + p.count + p.end;
}

/** The lockout message in parts, so the page can keep "N s" on one line. */
export function lockoutParts(secondsLeft: number): { text: string; count: string; end: string } {
  return secondsLeft > 0
    ? { text: 'Too many failed attempts. Try again in ', count: `${secondsLeft} s`, end: '.' }
    : { text: 'You can try again now.', count: '', end: '' };
}

/** Whole seconds left until `untilMs` (never negative). */
export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}
