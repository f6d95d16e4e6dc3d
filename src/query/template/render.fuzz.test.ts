import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render.js';
import { jinjaToLiquid } from './translate.js';

const pieces = fc.constantFrom(
  '{{', '}}', '{%', '%}', '{#', '#}', '|', '(', ')', "'", '"', ' ', 'x', 'xs', 'loop.', 'if ', 'elif ', 'else', 'endif',
  'for ', ' in ', 'endfor', 'upper', 'default(', 'join(', 'tojson', 'constructor', '__proto__', '.', '[', ']', ',', '-',
  'raw', 'endraw', 'include', 'set ', '=', '1..3', '\n',
);
const template = fc.oneof(fc.string({ maxLength: 40 }), fc.array(pieces, { maxLength: 25 }).map((a) => a.join('')));
const locals = { x: 'v', xs: ['a', 'b'], o: { k: 1 } };

describe('renderTemplate (properties)', () => {
  it('never throws: always text or a DLV_QUERY_TEMPLATE diagnostic', () => {
    fc.assert(
      fc.property(template, (t) => {
        const r = renderTemplate(t, { locals, globals: { g: 1 } });
        if (r.ok) expect(typeof r.value).toBe('string');
        else expect(r.diagnostics.map((d) => d.code)).toEqual(['DLV_QUERY_TEMPLATE']);
      }),
      { numRuns: 500 },
    );
  });
  it('text without template markers is returned unchanged', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\{[{%#]/.test(s)),
        (t) => {
          expect(renderTemplate(t, { locals })).toEqual({ ok: true, value: t });
          expect(jinjaToLiquid(t)).toBe(t);
        },
      ),
    );
  });
  it('never exposes anything for an arbitrary property chain', () => {
    const name = fc.constantFrom('constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'call', 'bind', 'name', 'x', 'o', 'xs');
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (chain) => {
        const r = renderTemplate(`{{ ${chain.join('.')} }}`, { locals: { x: 'v', o: {}, xs: [] } });
        if (r.ok && !['x', 'o', 'xs'].includes(chain.join('.'))) {
          expect(r.value).not.toMatch(/function|native code|\[object/i);
        }
      }),
    );
  });
});
