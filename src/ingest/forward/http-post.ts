import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/** The parts of an HTTP answer the forwarder looks at. */
export interface PostResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The first `maxBodyBytes` of the body, as text (for error messages). */
  body: string;
}

export interface PostRequest {
  url: URL;
  body: Buffer;
  headers: Record<string, string>;
  agent: http.Agent;
  /** Socket inactivity timeout and overall deadline, in ms. */
  timeoutMs: number;
  maxBodyBytes?: number;
  /** Called with the socket the request uses (new or reused from the keep-alive pool). */
  onSocket?: (socket: Socket) => void;
}

/**
 * POSTs `body` once with node:http/https through `agent` (keep-alive; TLS options such as `ca` and
 * `rejectUnauthorized` live on the agent). Resolves with the status for every HTTP answer; rejects on network,
 * TLS and timeout errors.
 */
export function postOnce(req: PostRequest): Promise<PostResponse> {
  const mod = req.url.protocol === 'https:' ? https : http;
  const maxBody = req.maxBodyBytes ?? 4096;
  return new Promise((resolve, reject) => {
    const r = mod.request(req.url, {
      method: 'POST',
      agent: req.agent,
      headers: { ...req.headers, 'content-length': String(req.body.length) },
      timeout: req.timeoutMs,
    }, (res) => {
      const parts: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < maxBody) {
          parts.push(chunk.subarray(0, maxBody - kept));
          kept += Math.min(chunk.length, maxBody - kept);
        }
      });
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') });
      });
      res.on('error', (e) => { clearTimeout(deadline); reject(e); });
    });
    const deadline = setTimeout(() => r.destroy(new Error(`no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    r.on('socket', (s) => req.onSocket?.(s));
    r.on('timeout', () => r.destroy(new Error(`the connection was idle for ${req.timeoutMs} ms`)));
    r.on('error', (e) => { clearTimeout(deadline); reject(e); });
    r.end(req.body);
  });
}
