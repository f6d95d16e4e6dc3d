import { describe, expect, it } from 'vitest';
import { passwordChangedText, shortUserAgent } from '../../web/src/features/profile/profile-text';

describe('profile page texts', () => {
  it('says how many other sessions a password change ended', () => {
    expect(passwordChangedText(2)).toBe('Password changed. 2 other session(s) were ended.');
    expect(passwordChangedText(0)).toBe('Password changed. 0 other session(s) were ended.');
    expect(passwordChangedText(Number.NaN)).toBe('Password changed. 0 other session(s) were ended.');
  });
  it('summarises user agents', () => {
    expect(shortUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox on Linux');
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0')).toBe('Edge on Windows');
    expect(shortUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15')).toBe('Safari on macOS');
    expect(shortUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0 Safari/537.36')).toBe('Headless Chrome on Linux');
    expect(shortUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
    expect(shortUserAgent('curl/8.5.0')).toBe('curl');
    expect(shortUserAgent('')).toBe('Unknown');
    expect(shortUserAgent(null)).toBe('Unknown');
    expect(shortUserAgent('x'.repeat(100))).toHaveLength(58);
  });
});
