import { describe, expect, it } from 'vitest';
import { formatPrettyLine } from './pretty.js';

describe('formatPrettyLine', () => {
  it('renders HH:MM:SS LEVEL msg key=value, hiding pid/hostname/name', () => {
    const line = JSON.stringify({ level: 'warn', time: '2026-11-29T10:11:12.000Z', pid: 1, hostname: 'h', name: 'serve', msg: 'slow query', ms: 1500, q: 'a b', o: { x: 1 } });
    expect(formatPrettyLine(line)).toMatch(/^\d\d:\d\d:\d\d WARN  slow query ms=1500 q="a b" o=\{"x":1\}\n$/);
  });
  it('colors the level only when asked', () => {
    const line = JSON.stringify({ level: 'error', time: 0, msg: 'x' });
    expect(formatPrettyLine(line)).not.toContain('\x1b');
    expect(formatPrettyLine(line, true)).toContain('\x1b[31mERROR');
  });
  it('escapes control characters so messages cannot forge lines or send terminal escapes', () => {
    const line = JSON.stringify({ level: 'info', time: 0, msg: 'a\nFAKE\x1b[2J', v2: 'b\x9bc', 'k\ney': 'v' });
    const out = formatPrettyLine(line);
    expect(out.split('\n')).toHaveLength(2);
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
  it('passes non-JSON through as one line', () => {
    expect(formatPrettyLine('not json')).toBe('not json\n');
    expect(formatPrettyLine('[1,2]')).toBe('[1,2]\n');
  });
});
