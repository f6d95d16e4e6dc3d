import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { DelveError, ERROR_CODES, isDelveError, type ErrorCode } from '../../errors.js';

/** The one error body shape: `{"error": {"code", "message", "field"?}}`. */
export function sendError(reply: FastifyReply, e: DelveError): FastifyReply {
  // The Basic challenge is for API clients and direct navigation; a browser script's fetch (Sec-Fetch-Mode other than
  // "navigate") would otherwise make the browser pop up its own credentials box over the web UI.
  const mode = reply.request.headers['sec-fetch-mode'];
  const fromScript = typeof mode === 'string' && mode !== 'navigate';
  if ((e.code === 'DLV_AUTH_REQUIRED' || e.code === 'DLV_AUTH_INVALID') && !fromScript) reply.header('www-authenticate', 'Basic realm="delve", charset="UTF-8"');
  const retry = e.details?.retryAfterSeconds;
  if (typeof retry === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retry))));
  return reply.code(e.status).type('application/json; charset=utf-8').send(e.toJSON());
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'DLV_HTTP_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'DLV_HTTP_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'DLV_HTTP_BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'DLV_HTTP_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'DLV_HTTP_BAD_REQUEST',
};

function toDelveError(err: FastifyError): DelveError {
  if (isDelveError(err)) return err;
  if (err.validation) {
    const v = err.validation[0];
    const field = (v?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || String((v?.params as { missingProperty?: string } | undefined)?.missingProperty ?? '') || undefined;
    return new DelveError('DLV_HTTP_VALIDATION', `${err.validationContext ?? 'request'}${field ? `.${field}` : ''}: ${v?.message ?? 'invalid'}`, field ? { field } : {});
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) {
    const msg = mapped === 'DLV_HTTP_BAD_REQUEST' && err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? `Invalid JSON body: ${err.message}` : ERROR_CODES[mapped].summary;
    return new DelveError(mapped, msg);
  }
  if (err.statusCode === 404) return new DelveError('DLV_HTTP_NOT_FOUND', 'No such resource.');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new DelveError('DLV_HTTP_BAD_REQUEST', err.message, { status: err.statusCode });
  return new DelveError('DLV_INTERNAL', 'Internal server error (details are in the server log).');
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const e = toDelveError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(reply, e);
  });
}

const CLIENT_ERRORS: Record<string, [number, ErrorCode]> = {
  HPE_HEADER_OVERFLOW: [431, 'DLV_HTTP_HEADERS_TOO_LARGE'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'DLV_HTTP_TIMEOUT'],
};

/** Answers protocol-level errors (header overflow, timeouts, garbage) with the standard body, then closes. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (socket.destroyed) return;
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'DLV_HTTP_BAD_REQUEST' as ErrorCode];
  const body = JSON.stringify({ error: { code, message: ERROR_CODES[code].summary } });
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
