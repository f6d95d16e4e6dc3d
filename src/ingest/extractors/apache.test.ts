import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import { apacheTimeToIso } from './apache-time.js';
import { extractApache } from './apache.js';

const lines = readFileSync(new URL('../../../test/fixtures/extractors/access.log', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '');

describe('apache extractor', () => {
  it('parses a Common Log Format line without trailing whitespace (the original failed here)', () => {
    expect(lines[0]!.endsWith('2326')).toBe(true);
    expect(extractApache(lines[0]!)).toEqual({
      host: '127.0.0.1', ident: '-', user: 'frank', time: '[10/Oct/2000:13:55:36 -0700]',
      timestamp: '2000-10-10T20:55:36.000Z', request: 'GET /apache_pb.gif HTTP/1.0',
      method: 'GET', path: '/apache_pb.gif', protocol: 'HTTP/1.0', status: '200', size: '2326',
    });
  });

  it('parses a Common line with trailing whitespace', () => {
    expect(lines[1]!.endsWith(' ')).toBe(true);
    const r = extractApache(lines[1]!);
    expect(r).toMatchObject({ host: '192.168.1.20', user: '-', status: '200', size: '3395', path: '/cgi-bin/try/' });
    expect(r['timestamp']).toBe('2006-07-28T13:27:10.000Z');
    expect(r).not.toHaveProperty('referer');
  });

  it('parses Combined lines (referer, user agent), "-" sizes and a trailing tab', () => {
    expect(extractApache(lines[2]!)).toMatchObject({
      status: '200', size: '2326', referer: 'http://www.example.com/start.html', user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
    });
    expect(extractApache(lines[3]!)).toMatchObject({
      method: 'POST', path: '/api/login?next=%2F', status: '401', size: '-', referer: '-', user_agent: 'curl/8.5.0',
      timestamp: '2024-03-05T23:59:01.000Z',
    });
    expect(extractApache(`${lines[2]!}\n`)).toEqual(extractApache(lines[2]!));
  });

  it('accepts vhost-prefixed and X-Forwarded-For lines and unescapes quotes', () => {
    expect(extractApache(lines[4]!)).toMatchObject({
      vhost: 'www.example.com', port: '443', host: '203.0.113.9', user: 'alice', status: '304',
      timestamp: '2023-12-31T23:00:00.000Z', protocol: 'HTTP/2.0',
    });
    const xff = extractApache(lines[5]!);
    expect(xff).toMatchObject({
      host: '198.51.100.7, 10.0.0.1', forwarded_for: ['198.51.100.7', '10.0.0.1'],
      request: 'GET /search?q="quoted" HTTP/1.1', path: '/search?q="quoted"', user_agent: 'Agent "X"',
      timestamp: '2024-02-29T17:00:00.000Z',
    });
  });

  it('keeps a non-HTTP request line whole and tolerates extra trailing fields', () => {
    const r = extractApache('1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "-" 408 0 "-" "-" 1234 extra');
    expect(r).toMatchObject({ request: '-', status: '408', size: '0', referer: '-', user_agent: '-' });
    expect(r).not.toHaveProperty('method');
  });

  it('omits timestamp when the time does not parse but still extracts', () => {
    const r = extractApache('1.2.3.4 - - [31/Feb/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 1');
    expect(r['time']).toBe('[31/Feb/2024:00:00:00 +0000]');
    expect(r).not.toHaveProperty('timestamp');
    expect(apacheTimeToIso('[10/Oct/2000:13:55:36.250 +0530]')).toBe('2000-10-10T08:25:36.250Z');
  });

  it('rejects non-matching lines with DLV_EXTRACT_FAILED', () => {
    for (const bad of ['', 'hello world', '1.2.3.4 - - [x] "GET /" 20 1', '1.2.3.4 - - [x] GET / 200 1']) {
      expect(() => extractApache(bad)).toThrowError(expect.objectContaining({ code: 'DLV_EXTRACT_FAILED' }) as Error);
    }
    try {
      extractApache('nope');
    } catch (e) {
      expect(e).toBeInstanceOf(DelveError);
    }
  });
});
