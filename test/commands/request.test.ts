/** request METHOD URL … — reference §6.1, DESIGN §6: SSRF-safe (no loopback/private targets unless allow-listed). */
import { describe, expect, it } from 'vitest';
import { expectCmdError, expectHelp, useHarness } from './harness.js';

const h = useHarness();

describe('request', () => {
  it('refuses loopback, private, link-local and metadata targets', async () => {
    for (const url of ['http://127.0.0.1:9/', 'http://localhost/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/']) {
      const r = await h.q(`request GET ${url}`);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(r.error.command?.name).toBe('request');
    }
  });
  it('answers -h', async () => { await expectHelp(h, 'request', ['--kv-pairs K=V', '--recent-ok']); });
  it('a bad method, a missing URL or a non-http URL is a 400', async () => {
    expectCmdError(await h.fail('request FETCH http://example.org/'), 'DLV_QUERY_ARGUMENT', 'request', 0);
    expectCmdError(await h.fail('request GET'), 'DLV_QUERY_ARGUMENT', 'request', 0);
    expectCmdError(await h.fail('request GET file:///etc/passwd', 403), 'DLV_REQUEST_BLOCKED', 'request', 0);
  });
  it('--save-event needs add_event (reader is refused)', async () => {
    const r = await h.q('request GET http://127.0.0.1:9/ --save-event', { user: 'reader' });
    expect(r.status).toBe(403);
  });
});
