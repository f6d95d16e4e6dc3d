import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DelveError } from '../../../errors.js';
import { parseJsonLine } from '../../../ingest/ndjson.js';

/** Content-Types of a streamed NDJSON body. */
export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

function checkEncoding(req: FastifyRequest): DelveError | undefined {
  const enc = req.headers['content-encoding'];
  if (enc !== undefined && enc.toLowerCase() !== 'identity') {
    return new DelveError('DLV_EVENT_ENCODING', `Content-Encoding "${enc.slice(0, 40)}" is not accepted; send the body uncompressed.`, { status: 415 });
  }
  return undefined;
}

/**
 * Body parsers of the events routes (registered in their own encapsulated scope, so other routes keep Fastify's
 * defaults): JSON is read whole (up to DELVE_MAX_REQUEST_BODY_SIZE, strict UTF-8, errors with line and column);
 * NDJSON is handed over as the raw request stream and read incrementally by the route (readNdjson).
 */
export function registerEventBodyParsers(app: FastifyInstance, maxBodyBytes: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (req, body, done) => {
    const bad = checkEncoding(req);
    if (bad) { done(bad, undefined); return; }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer);
    } catch {
      done(new DelveError('DLV_EVENT_ENCODING', 'The body is not valid UTF-8; send UTF-8 JSON.'), undefined);
      return;
    }
    const r = parseJsonLine(text, 1);
    if ('error' in r) done(new DelveError('DLV_EVENT_JSON', r.error), undefined);
    else done(null, r.value);
  });
  app.addContentTypeParser(NDJSON_TYPES, (req, payload, done) => {
    const bad = checkEncoding(req);
    if (bad) { done(bad, undefined); return; }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      done(new DelveError('DLV_HTTP_BODY_TOO_LARGE', `The body is larger than DELVE_MAX_REQUEST_BODY_SIZE (${maxBodyBytes} bytes); send smaller requests.`), undefined);
      return;
    }
    done(null, new NdjsonBody(payload));
  });
}

/** Marks a body as the unread NDJSON request stream (a JSON body can never be an instance). */
export class NdjsonBody {
  constructor(readonly stream: AsyncIterable<unknown>) {}
}

/** The NDJSON stream the parser handed over, or undefined for a parsed JSON body. */
export function ndjsonStream(body: unknown): AsyncIterable<unknown> | undefined {
  return body instanceof NdjsonBody ? body.stream : undefined;
}
