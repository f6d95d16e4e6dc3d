import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../helpers/client.js';
import { PW, startEventsServer, type EventsServer } from './events-harness.js';

const FIX = resolve(import.meta.dirname, '..', 'fixtures');
const lines = (f: string): string[] => readFileSync(join(FIX, f), 'utf8').split('\n').filter((l) => l.trim() !== '');
const tmp = mkdtempSync(join(tmpdir(), 'delve-proc-'));
const procLog = join(tmp, 'processed.ndjson');
const PROC = join(FIX, 'ingest', 'processor.mjs');

let t: EventsServer;
beforeAll(async () => {
  process.env.DELVE_TEST_PROCESSOR_LOG = procLog;
  writeFileSync(procLog, '');
  t = await startEventsServer({
    DELVE_EXTRACTION_MAP: JSON.stringify({
      csvh: { extractor: 'csv', options: { header: ['ts', 'user', 'note', 'result'] } },
      custom: `module:${join(FIX, 'extractors', 'custom-extractor.mjs')}#upper`,
      proc: 'kv',
    }),
    DELVE_PROCESSOR_MAP: JSON.stringify({ proc: `module:${PROC}#record`, bad: [`module:${PROC}#explode`, `module:${PROC}#rejects`] }),
  });
  await t.user('alice');
});
afterAll(async () => {
  await t?.close();
  rmSync(tmp, { recursive: true, force: true });
});

type Fields = Record<string, unknown>;
async function ingestAndRead(sourcetype: string, texts: string[]): Promise<Fields[]> {
  const r = await t.as('alice', 'POST', '/api/events/', texts.map((text) => ({ text, sourcetype })));
  expect(r.status).toBe(201);
  const out: Fields[] = [];
  for (const id of r.json<{ ids: string[] }>().ids) out.push((await t.as('alice', 'GET', `/api/events/${id}/`)).json<{ extracted_fields: Fields }>().extracted_fields);
  return out;
}

describe('field extraction by sourcetype, on the shipped sample lines', () => {
  it('apache: common and combined, with and without trailing whitespace', async () => {
    const f = await ingestAndRead('apache', lines('extractors/access.log'));
    expect(f[0]).toMatchObject({ host: '127.0.0.1', user: 'frank', time: '[10/Oct/2000:13:55:36 -0700]', request: 'GET /apache_pb.gif HTTP/1.0', status: '200', size: '2326' });
    expect(f[1]).toMatchObject({ host: '192.168.1.20', status: '200' });
    expect(f[2]).toMatchObject({ referer: 'http://www.example.com/start.html', user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)' });
    expect(f[3]).toMatchObject({ status: '401', size: '-' });
    for (const x of f) expect(x).not.toHaveProperty('_extraction_error');
  });
  it('json (bad lines are marked, not rejected), kv, csv with a header, xml, syslog 5424 and 3164', async () => {
    const json = await ingestAndRead('json', [...lines('extractors/events.jsonl'), '{broken']);
    expect(json[0]).toMatchObject({ user: 'alice', status: 200, tags: ['a', 'b'] });
    expect(json.at(-1)).toHaveProperty('_extraction_error');
    const kv = await ingestAndRead('kv', lines('extractors/kv.log'));
    expect(kv[0]).toEqual({ user: 'alice', action: 'login', src: '10.0.0.5', result: 'ok' });
    const csv = await ingestAndRead('csvh', ['2024-03-05T10:00:00Z,alice,"login, from VPN",ok']);
    expect(csv[0]).toEqual({ ts: '2024-03-05T10:00:00Z', user: 'alice', note: 'login, from VPN', result: 'ok' });
    const xml = await ingestAndRead('xml', [readFileSync(join(FIX, 'extractors', 'sample.xml'), 'utf8'), readFileSync(join(FIX, 'extractors', 'billion-laughs.xml'), 'utf8')]);
    expect(JSON.stringify(xml[0])).toContain('Widget');
    expect(xml[1]).toHaveProperty('_extraction_error');
    const sys = await ingestAndRead('syslog', lines('ingest/syslog.log'));
    expect(sys[0]).toMatchObject({ syslog_format: 'rfc5424', app: 'su', procid: '77', msgid: 'ID47', severity: 'crit' });
    expect(sys[1]).toMatchObject({ syslog_format: 'rfc3164', app: 'sshd', procid: '4242', hostname: 'mymachine' });
    const custom = await ingestAndRead('custom', ['shout']);
    expect(custom[0]).toMatchObject({ upper: 'SHOUT' });
  });
  it('client fields are kept and extraction results merged over them; other sourcetypes are not extracted', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', [{ text: 'a=1', sourcetype: 'kv', extracted_fields: { a: 'client', keep: true } }, { text: 'a=1', sourcetype: 'text' }]);
    const [k, plain] = r.json<{ ids: string[] }>().ids;
    expect((await t.as('alice', 'GET', `/api/events/${k}/`)).json()).toMatchObject({ extracted_fields: { a: '1', keep: true } });
    expect((await t.as('alice', 'GET', `/api/events/${plain}/`)).json()).toMatchObject({ extracted_fields: {} });
  });
  it('an update re-runs extraction (DELVE_ENABLE_EXTRACTIONS_ON_UPDATE)', async () => {
    const id = (await t.as('alice', 'POST', '/api/events/', { text: 'x=1', sourcetype: 'kv' })).json<{ ids: string[] }>().ids[0];
    const r = await t.as('alice', 'PATCH', `/api/events/${id}/`, { text: 'x=2 y=3' });
    expect(r.json()).toMatchObject({ extracted_fields: { x: '2', y: '3' } });
  });
});

describe('processors', () => {
  it('run exactly once per stored event, after the commit; failures never fail the request', async () => {
    const r = await t.as('alice', 'POST', '/api/events/', [{ text: 'p=1', sourcetype: 'proc' }, { text: 'p=2', sourcetype: 'proc' }, { text: 'boom', sourcetype: 'bad' }]);
    expect(r.status).toBe(201);
    const nd = await t.as('alice', 'POST', '/api/events/', '{"text":"p=3","sourcetype":"proc"}\n', { 'content-type': 'application/x-ndjson' });
    expect(nd.status).toBe(201);
    await t.ingest.pipeline.o.processors.idle();
    const seen = readFileSync(procLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; fields: Fields });
    expect(seen.map((s) => s.id)).toEqual([...r.json<{ ids: string[] }>().ids.slice(0, 2), ...nd.json<{ ids: string[] }>().ids]);
    expect(seen[0]!.fields).toEqual({ p: '1' });
    const id = nd.json<{ ids: string[] }>().ids[0];
    await t.as('alice', 'PATCH', `/api/events/${id}/`, { text: 'p=4' });
    await t.ingest.pipeline.o.processors.idle();
    expect(readFileSync(procLog, 'utf8').trim().split('\n')).toHaveLength(4);
  });
});

describe('NDJSON', () => {
  const nd = (body: string, q = ''): ReturnType<EventsServer['as']> => t.as('alice', 'POST', `/api/events/${q}`, body, { 'content-type': 'application/x-ndjson' });
  it('stores LF/CRLF lines, skips blank lines; an invalid line rejects the batch with line and column', async () => {
    const ok = await nd('{"text":"l1"}\r\n\n{"text":"l2","index":"nd"}\n{"text":"l3"}');
    expect(ok.status).toBe(201);
    expect(ok.json()).toMatchObject({ accepted: 3 });
    const bad = await nd('{"text":"a"}\n{"text":"b"}\n{"text": nope}\n{"text":""}\n');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ accepted: 0, rejected: 2, errors: [{ position: 2, line: 3, code: 'DLV_EVENT_JSON' }, { position: 3, line: 4, field: 'text' }] });
    expect(bad.json<{ errors: { message: string }[] }>().errors[0]!.message).toContain('line 3, column 10');
    const partial = await nd('{"text":"a"}\n[1\n{"text":"c"}\n', '?partial=true');
    expect(partial.json()).toMatchObject({ accepted: 2, rejected: 1, errors: [{ position: 1, line: 2 }] });
  });
  it('invalid UTF-8 is a 400', async () => {
    const body = Buffer.concat([Buffer.from('{"text":"ok"}\n{"text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    const r = await new Promise<{ status: number; body: string }>((done, fail) => {
      const rq = request(`${t.url}/api/events/`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/x-ndjson' } }, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => { b += c.toString(); });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: b }));
      });
      rq.on('error', fail);
      rq.end(body);
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'DLV_EVENT_ENCODING' } });
  });
  it('is read as it streams: with ?partial=true the first chunks are committed before the body ends', async () => {
    const before = Number(t.store.sqlite.prepare("SELECT count(*) FROM events WHERE \"index\" = 'stream'").pluck().get());
    const line = '{"text":"streamed event","index":"stream"}\n';
    let status = 0;
    const finished = new Promise<void>((done, fail) => {
      const rq = request(`${t.url}/api/events/?partial=true`, { method: 'POST', headers: { ...basic('alice', PW), 'content-type': 'application/x-ndjson' } }, (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => done());
      });
      rq.on('error', fail);
      rq.write(line.repeat(6000));
      const poll = setInterval(() => {
        const n = Number(t.store.sqlite.prepare("SELECT count(*) FROM events WHERE \"index\" = 'stream'").pluck().get()) - before;
        if (n >= 5000) { clearInterval(poll); rq.end(line.repeat(10)); }
      }, 20);
    });
    await finished;
    expect(status).toBe(201);
    expect(Number(t.store.sqlite.prepare("SELECT count(*) FROM events WHERE \"index\" = 'stream'").pluck().get()) - before).toBe(6010);
  });
});

describe('local sink (collectors in the server process)', () => {
  it('stores IngestEvents through the same pipeline and rejects invalid ones as a whole', async () => {
    const sink = t.ingest.localSink();
    await sink.write([{ index: 'local', host: 'h', source: 's', sourcetype: 'kv', text: 'k=v', created: 1_700_000_000_000_000 }]);
    const row = t.store.sqlite.prepare("SELECT created, extracted_fields, user_id FROM events WHERE \"index\" = 'local'").get();
    expect(row).toEqual({ created: 1_700_000_000_000_000, extracted_fields: '{"k":"v"}', user_id: null });
    await expect(sink.write([{ index: 'local', host: 'h', source: 's', sourcetype: 'kv', text: '' }])).rejects.toMatchObject({ code: 'DLV_EVENT_INVALID' });
  });
});
