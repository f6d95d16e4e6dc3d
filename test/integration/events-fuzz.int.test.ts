import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../helpers/client.js';
import { req } from '../helpers/http.js';
import { PW, startEventsServer, type EventsServer } from './events-harness.js';

let t: EventsServer;
beforeAll(async () => {
  t = await startEventsServer({ DELVE_MAX_EVENT_SIZE: '2000', DELVE_MAX_REQUEST_BODY_SIZE: '20000' });
  await t.user('fuzz', { read: ['*'], write: ['ok*', 'default'] });
});
afterAll(async () => { await t?.close(); });

// Refused writes are audited, and audit rows are mirrored into the internal `_audit` index: count user events only.
const count = (): number => Number(t.store.sqlite.prepare(`SELECT count(*) FROM events WHERE "index" <> '_audit'`).pluck().get());

const eventish = fc.record({
  text: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant(''), fc.integer(), fc.constant(null)),
  index: fc.oneof(fc.constantFrom('ok', 'ok-2', 'default', 'nope', '_audit', '', '../x'), fc.string()),
  sourcetype: fc.constantFrom('json', 'apache', 'csv', 'xml', 'kv', 'syslog', 'text'),
  extracted_fields: fc.oneof(fc.object({ maxDepth: 3 }), fc.jsonValue()),
  created: fc.oneof(fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'bad' : d.toISOString())), fc.string()),
  junk: fc.anything(),
}, { requiredKeys: [] });

describe('the request handler never fails with 5xx: every body is stored (201) or refused with a 4xx', () => {
  it('JSON bodies, NDJSON bodies and raw bytes (property)', async () => {
    const body = fc.oneof(
      fc.array(eventish, { maxLength: 5 }).map((a) => ({ type: 'application/json', data: Buffer.from(JSON.stringify(a)) })),
      eventish.map((e) => ({ type: 'application/json', data: Buffer.from(JSON.stringify(e)) })),
      fc.array(fc.oneof(eventish.map((e) => JSON.stringify(e)), fc.string()), { maxLength: 6 }).map((lines) => ({ type: 'application/x-ndjson', data: Buffer.from(lines.join('\n')) })),
      fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'application/x-ndjson', data: Buffer.from(b) })),
      fc.uint8Array({ maxLength: 300 }).map((b) => ({ type: 'application/json', data: Buffer.from(b) })),
    );
    await fc.assert(fc.asyncProperty(body, fc.boolean(), async (b, partial) => {
      const before = count();
      const r = await req(`${t.url}/api/events/${partial ? '?partial=true' : ''}`, { method: 'POST', headers: { ...basic('fuzz', PW), 'content-type': b.type }, body: b.data });
      expect(r.status === 201 || (r.status >= 400 && r.status < 500), `${r.status} ${r.body}`).toBe(true);
      const parsed = r.json<{ accepted?: number; error?: { code: string } }>();
      if (r.status === 201) expect(count() - before).toBe(parsed.accepted);
      else {
        expect(parsed.error?.code).toMatch(/^DLV_/);
        expect(count()).toBe(before);
      }
    }), { numRuns: 150 });
  });
});
