/** Library helpers: human sizes, previews, Explore links, filtering, upload error wording. */
import { describe, expect, it } from 'vitest';
import { exploreHref, formatBytes, matchesFilter, preview, uploadErrorMessage } from '../../web/src/features/library/format.js';

describe('formatBytes', () => {
  it('formats with binary multiples', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024)).toBe('10 KB');
    expect(formatBytes(52428800)).toBe('50 MB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
    expect(formatBytes(-1)).toBe('');
    expect(formatBytes(Number.NaN)).toBe('');
  });
});

describe('preview, exploreHref, matchesFilter', () => {
  it('previews on one line', () => {
    expect(preview('search index=web\n| stats count\t by host')).toBe('search index=web | stats count by host');
    expect(preview('abcdef', 4)).toBe('abc…');
  });
  it('links to Explore with name and text, encoded', () => {
    expect(exploreHref('errors', 'search status>=500 | head 5')).toBe('/explore?name=errors&text=search+status%3E%3D500+%7C+head+5');
    expect(exploreHref(null, 'x&y=1#z')).toBe('/explore?text=x%26y%3D1%23z');
    const u = new URL(exploreHref('a b', 'q\n"x"'), 'http://h');
    expect(u.pathname).toBe('/explore');
    expect(u.searchParams.get('name')).toBe('a b');
    expect(u.searchParams.get('text')).toBe('q\n"x"');
  });
  it('filters on every word, case-insensitively', () => {
    expect(matchesFilter('', 'x')).toBe(true);
    expect(matchesFilter('Err web', 'errors', 'search index=web')).toBe(true);
    expect(matchesFilter('err db', 'errors', 'search index=web')).toBe(false);
    expect(matchesFilter('x', null, undefined)).toBe(false);
  });
});

describe('uploadErrorMessage', () => {
  it('explains the size limit, with the limit when the server states it', () => {
    expect(uploadErrorMessage({ status: 413, code: 'DLV_FILE_TOO_LARGE', message: 'The file is larger than DELVE_MAX_UPLOAD_SIZE (52428800 bytes).' }))
      .toBe('This file is too large. The server accepts files up to 50 MB (DELVE_MAX_UPLOAD_SIZE).');
    expect(uploadErrorMessage({ status: 413, code: 'HTTP_413', message: '' })).toContain('DELVE_MAX_UPLOAD_SIZE');
  });
  it('handles taken titles, network errors and the rest', () => {
    expect(uploadErrorMessage({ status: 400, code: 'DLV_SAVED_NAME_TAKEN', message: 'You already have a file titled "a".' })).toContain('Choose another title');
    expect(uploadErrorMessage({ status: 0, code: 'NETWORK', message: 'x' })).toContain('network');
    expect(uploadErrorMessage({ status: 400, code: 'DLV_FILE_UPLOAD_INVALID', message: 'Bad.' })).toBe('Bad.');
    expect(uploadErrorMessage(null)).toBe('The upload failed.');
  });
});
