import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { Keyring } from '../keys/keyring.js';
import { sign, unsign } from './index.js';

const A = 'prop-key-A-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ';
const B = 'prop-key-B-ZYXWVUTSRQPONMLKJIHGFEDCBA-9876543210-zyxwvutsrq';
const kr = new Keyring(A);
const NOW = 1_750_000_000_000;

/** Every string fast-check can build from full Unicode code points (no lone surrogates). */
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const replacementChar = fc.oneof(
  fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ '.split('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

describe('signing properties', () => {
  it('round-trips any Unicode string under any purpose', () => {
    fc.assert(
      fc.property(anyText, fc.string({ minLength: 1, maxLength: 30 }), fc.nat({ max: 4_000_000_000 }), (value, purpose, secs) => {
        const out = unsign(kr, purpose, sign(kr, purpose, value, { now: secs * 1000 }));
        expect(out.value).toBe(value);
        expect(out.timestamp).toBe(secs * 1000);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects ANY single-character change (substitution, deletion, insertion) of a token', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), replacementChar, fc.constantFrom('replace', 'delete', 'insert'), (value, pos, ch, op) => {
        const token = sign(kr, 'p', value, { now: NOW });
        const i = pos % (token.length + (op === 'insert' ? 1 : 0));
        const tampered =
          op === 'replace' ? token.slice(0, i) + ch + token.slice(i + 1) : op === 'delete' ? token.slice(0, i) + token.slice(i + 1) : token.slice(0, i) + ch + token.slice(i);
        fc.pre(tampered !== token);
        expect(() => unsign(kr, 'p', tampered)).toThrow(DelveError);
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects every possible single-byte substitution in one token (exhaustive over the alphabet)', () => {
    const token = sign(kr, 'p', 'exhaustive ü', { now: NOW });
    const alphabet = new Set<string>();
    for (let b = 0; b < 128; b++) alphabet.add(String.fromCharCode(b));
    let tried = 0;
    for (let i = 0; i < token.length; i++) {
      for (const ch of alphabet) {
        if (ch === token[i]) continue;
        const tampered = token.slice(0, i) + ch + token.slice(i + 1);
        expect(() => unsign(kr, 'p', tampered), `position ${i} -> ${JSON.stringify(ch)}`).toThrow(DelveError);
        tried++;
      }
    }
    expect(tried).toBe(token.length * 127);
  });

  it('never throws anything but a DelveError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9_-]{0,20}\.[0-9a-z]{0,12}\.[A-Za-z0-9_-]{0,50}$/)), (token) => {
        try {
          unsign(kr, 'p', token, { maxAgeSeconds: 10 });
        } catch (e) {
          expect(e).toBeInstanceOf(DelveError);
          expect(['DLV_SIGNATURE_MALFORMED', 'DLV_SIGNATURE_BAD']).toContain((e as DelveError).code);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a token from one keyring never verifies under an unrelated keyring', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(() => unsign(new Keyring(B), 'p', sign(kr, 'p', value))).toThrow(DelveError);
      }),
      { numRuns: 100 },
    );
  });
});
