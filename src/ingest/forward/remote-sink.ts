import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { DelveError } from '../../errors.js';
import type { EventSink, IngestEvent } from '../sink.js';
import { backoffDelay, parseRetryAfter, Sleeper } from './backoff.js';
import { postOnce } from './http-post.js';
import { appendRejected } from './rejected-file.js';
import { endpointUrl, isLoopbackHost, type RemoteSinkOptions } from './remote-options.js';
import type { BatchSender, SendResult } from './types.js';

const INSECURE_WARNING = 'TLS certificate verification is OFF for the remote Delve: anyone on the network path can ' +
  'read the API token and the events. Use --ca with the CA that signed the server certificate instead.';

/**
 * Delivers events to a remote Delve: `POST <server>/api/events/` with `Authorization: Bearer <token>`, NDJSON body,
 * over a keep-alive agent with TLS verification on (system roots, or `ca`). 2xx = delivered; 5xx, 408, 429,
 * network/TLS errors and timeouts are temporary (retried with back-off, honouring Retry-After); any other 4xx is a
 * permanent rejection of that batch.
 */
export class RemoteSink implements EventSink, BatchSender {
  readonly url: URL;
  private readonly opts: RemoteSinkOptions;
  private readonly agent: http.Agent;
  private readonly sleeper = new Sleeper();
  private readonly warnedSockets = new WeakSet<Socket>();
  private closed = false;
  private readonly c = { forwarded: 0, retried: 0, rejected: 0 };

  /** Validates the options (throws DLV_FORWARD_CONFIG) and prepares the connection pool; nothing is sent yet. */
  constructor(opts: RemoteSinkOptions) {
    this.opts = opts;
    this.url = endpointUrl(opts);
    const common = { keepAlive: true, maxSockets: 4, timeout: opts.timeoutMs ?? 30_000 };
    if (this.url.protocol === 'https:') {
      this.agent = new https.Agent({
        ...common,
        rejectUnauthorized: opts.insecure !== true,
        minVersion: 'TLSv1.2',
        ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      });
      if (opts.insecure === true) opts.logger.warn({ server: this.url.origin }, INSECURE_WARNING);
    } else {
      this.agent = new http.Agent(common);
      if (!isLoopbackHost(this.url.hostname)) {
        opts.logger.warn({ server: this.url.origin }, 'Forwarding over plain HTTP: the API token and the events are not encrypted.');
      }
    }
  }

  /** Counters since construction: forwarded / retried / rejected events or attempts. */
  counters(): { forwarded: number; retried: number; rejected: number } {
    return { ...this.c };
  }

  /** One delivery attempt; never throws (failures are classified in the result). */
  async send(events: readonly IngestEvent[]): Promise<SendResult> {
    if (this.closed) return { kind: 'retry', reason: 'the forwarder is closed' };
    const body = this.opts.format === 'json'
      ? Buffer.from(JSON.stringify(events))
      : Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    try {
      const res = await postOnce({
        url: this.url,
        body,
        agent: this.agent,
        timeoutMs: this.opts.timeoutMs ?? 30_000,
        onSocket: (socket) => this.warnIfInsecure(socket),
        headers: {
          'content-type': this.opts.format === 'json' ? 'application/json' : 'application/x-ndjson',
          authorization: `Bearer ${this.opts.token}`,
          'user-agent': 'delve-forwarder',
        },
      });
      return classify(res.status, res.headers['retry-after'], res.body, this.opts.maxRetryAfterMs);
    } catch (e) {
      return { kind: 'retry', reason: networkReason(e) };
    }
  }

  /**
   * Delivers `events`, retrying temporary failures with back-off up to `retry.maxAttempts` times, then rejects
   * with DLV_FORWARD_UNAVAILABLE (the caller keeps the batch). A permanent rejection goes to `rejectedFile` and
   * resolves, or rejects with DLV_FORWARD_REJECTED when no such file is configured.
   */
  async write(events: IngestEvent[]): Promise<void> {
    if (events.length === 0) return;
    const maxAttempts = this.opts.retry?.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new DelveError('DLV_COLLECTOR_CLOSED', 'The forwarder is closed; the batch was not sent.');
      const r = await this.send(events);
      if (r.kind === 'ok') {
        this.c.forwarded += events.length;
        return;
      }
      if (r.kind === 'rejected') {
        this.c.rejected += events.length;
        this.opts.logger.error({ status: r.status, events: events.length, reason: r.reason, rejectedFile: this.opts.rejectedFile },
          'The remote Delve rejected a batch permanently');
        if (this.opts.rejectedFile === undefined) {
          throw new DelveError('DLV_FORWARD_REJECTED', `The remote Delve answered ${r.status}: ${r.reason}`, { field: 'server' });
        }
        await appendRejected(this.opts.rejectedFile, events);
        return;
      }
      if (attempt >= maxAttempts) {
        throw new DelveError('DLV_FORWARD_UNAVAILABLE', `The remote Delve did not accept the batch after ${attempt} attempts: ${r.reason}`, { field: 'server' });
      }
      this.c.retried++;
      this.opts.logger.warn({ status: r.status, attempt, reason: r.reason }, 'Forwarding failed; retrying');
      await this.sleeper.wait(Math.max(r.retryAfterMs ?? 0, backoffDelay(attempt, this.opts.retry)));
    }
  }

  /** Stops retrying, aborts idle connections. In-flight requests end with a network error (a `retry` result). */
  async close(): Promise<void> {
    this.closed = true;
    this.sleeper.wake();
    this.agent.destroy();
  }

  /** With `insecure`, warn on every new TLS connection (keep-alive reuse does not repeat it). */
  private warnIfInsecure(socket: Socket): void {
    if (this.opts.insecure !== true || this.warnedSockets.has(socket)) return;
    this.warnedSockets.add(socket);
    this.opts.logger.warn({ server: this.url.origin }, INSECURE_WARNING);
  }
}

/** Maps an HTTP answer to a SendResult. */
export function classify(status: number, retryAfter: string | string[] | undefined, body: string, maxRetryAfterMs?: number): SendResult {
  if (status >= 200 && status < 300) return { kind: 'ok', status };
  const reason = `HTTP ${status}${body.trim() === '' ? '' : `: ${body.trim().slice(0, 300)}`}`;
  if (status >= 500 || status === 408 || status === 429 || status < 200) {
    const ms = parseRetryAfter(retryAfter, Date.now(), maxRetryAfterMs);
    return { kind: 'retry', status, reason, ...(ms === undefined ? {} : { retryAfterMs: ms }) };
  }
  if (status === 401 || status === 403) {
    return { kind: 'rejected', status, reason: `${reason} (check that --token is valid and has the ingest scope)` };
  }
  return { kind: 'rejected', status, reason };
}

function networkReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/.test(code)) {
    return `TLS verification of the server failed (${code}): pass --ca with the CA that signed its certificate`;
  }
  return `${code === '' ? '' : `${code}: `}${err.message ?? String(e)}`;
}
