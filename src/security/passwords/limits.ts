/** Longest password accepted anywhere (hashing, verifying, validating): bounds the work an attacker can ask for. */
export const MAX_PASSWORD_LENGTH = 4096;

/**
 * A password's length in Unicode code points (an emoji counts as one character). A string whose UTF-16 length is
 * over twice the limit is reported by that length without scanning it (it is over the limit either way).
 */
export function passwordLength(password: string): number {
  if (password.length > MAX_PASSWORD_LENGTH * 2) return password.length;
  let n = 0;
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < password.length) {
      const d = password.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
