import { MAX_PRI } from './names.js';

export interface Pri {
  pri: number;
  facility: number;
  severity: number;
  /** Index just past the closing `>`. */
  end: number;
}

/**
 * Reads `<PRI>` at the start of `text`. PRI must be 1–3 digits with no leading zero (except `0`
 * itself) and at most 191; anything else returns `undefined` (the message is then "unknown").
 */
export function parsePri(text: string): Pri | undefined {
  if (text.charCodeAt(0) !== 0x3c /* < */) return undefined;
  let i = 1;
  while (i < text.length && i <= 4 && isDigit(text.charCodeAt(i))) i++;
  const digits = text.slice(1, i);
  if (digits.length === 0 || digits.length > 3 || text.charCodeAt(i) !== 0x3e /* > */) return undefined;
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  const pri = Number(digits);
  if (pri > MAX_PRI) return undefined;
  return { pri, facility: pri >> 3, severity: pri & 7, end: i + 1 };
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
