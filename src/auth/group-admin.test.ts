import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIndexAcl } from './index-acl.js';
import { patternCovers } from './group-admin.js';

describe('patternCovers (a non-superuser may only grant index patterns their own patterns cover)', () => {
  it('examples', () => {
    expect(patternCovers('*', 'web*')).toBe(true);
    expect(patternCovers('web*', 'web-prod*')).toBe(true);
    expect(patternCovers('web*', 'web')).toBe(true);
    expect(patternCovers('web*', '*')).toBe(false);
    expect(patternCovers('web*', 'we*')).toBe(false);
    expect(patternCovers('a?b', 'a*b')).toBe(false);
    expect(patternCovers('a?b', 'a?b')).toBe(true);
    expect(patternCovers('web', 'web')).toBe(true);
    expect(patternCovers('web', 'web?')).toBe(false);
  });

  it('is sound: whenever q covers p, every index p matches is matched by q', () => {
    const pat = fc.stringMatching(/^[ab*?]{1,6}$/);
    const name = fc.stringMatching(/^[ab]{1,8}$/);
    fc.assert(fc.property(pat, pat, fc.array(name, { maxLength: 30 }), (q, p, names) => {
      if (!patternCovers(q, p)) return true;
      const mq = compileIndexAcl([q]);
      const mp = compileIndexAcl([p]);
      return names.every((n) => !mp.matches(n) || mq.matches(n));
    }), { numRuns: 2000 });
  });

  it('every pattern covers itself', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z_*?.-]{1,20}$/), (p) => patternCovers(p, p)));
  });
});
