import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDatagram } from './index.js';

describe('parseDatagram', () => {
  it('decodes UTF-8 and trims trailing newlines only', () => {
    expect(parseDatagram(Buffer.from('<13>Nov 29 06:33:44 vm myapp: héllo \r\n\n'))).toBe('<13>Nov 29 06:33:44 vm myapp: héllo ');
    expect(parseDatagram(Buffer.from('\n<13>x\0'))).toBe('\n<13>x');
  });
  it('invalid UTF-8 becomes U+FFFD', () => {
    expect(parseDatagram(Buffer.from([0x3c, 0x31, 0x3e, 0xff, 0x41]))).toBe('<1>\uFFFDA');
  });
  it('caps at maxBytes on a character boundary', () => {
    expect(parseDatagram(Buffer.from('ab€€'), 4)).toBe('ab');
  });
  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 400 }), (b, max) => {
      expect(Buffer.byteLength(parseDatagram(b, max))).toBeLessThanOrEqual(Math.max(max, b.length) * 3);
    }));
  });
});
