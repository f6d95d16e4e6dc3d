import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSyslog } from './index.js';

const FORMATS = ['rfc5424', 'rfc3164', 'unknown'];

/** Invariants every result satisfies, whatever the input. */
function checkResult(input: string): void {
  const m = parseSyslog(input, { now: new Date('2026-06-01T00:00:00Z') });
  expect(FORMATS).toContain(m.format);
  expect(typeof m.message).toBe('string');
  expect(m.message.length).toBeLessThanOrEqual(input.length);
  if (m.pri !== undefined) expect(m.pri).toBeLessThanOrEqual(191);
  if (m.timestamp !== undefined) expect(Number.isNaN(Date.parse(m.timestamp.replace(/\.(\d{3})\d+Z$/, '.$1Z')))).toBe(false);
  if (m.format === 'unknown') expect(m.message).toBe(input.replace(/[\r\n\0]+$/, ''));
}

describe('parseSyslog fuzz', () => {
  it('arbitrary strings never throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => checkResult(s)), { numRuns: 500 });
  });

  it('syslog-shaped strings never throw', () => {
    const piece = fc.constantFrom('<13>', '<165>1 ', '1 ', '- ', '2003-10-11T22:14:15.003Z ', 'Nov 29 06:33:44 ', 'Feb 29 ',
      '*Mar  1 00:03:29.567 UTC: ', '12: ', 'host ', 'sshd[12]: ', '[a@1 b="c\\"d"]', '[x', '="', '\\]', ']', ' ', '\uFEFF', '%A-1-B: ');
    fc.assert(fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 20 }), (parts) => checkResult(parts.join(''))), { numRuns: 1000 });
  });

  it('hostile long inputs stay fast enough to finish (no quadratic blow-up)', () => {
    for (const s of ['<13>' + '\n'.repeat(100_000) + 'x', '<13>1 - h a - - ' + '[a b="'.repeat(20_000), '<13>' + ' '.repeat(100_000) + 'x',
      '<14>1 - h a - - ' + '[id x="1"]'.repeat(10_000), '<13>Nov 29 06:33:44 ' + 'a'.repeat(200_000)]) {
      checkResult(s);
    }
  });
});
