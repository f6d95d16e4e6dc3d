import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type Agent } from 'node:https';
import type { PeerCertificate, TLSSocket } from 'node:tls';

export interface Reply { status: number; headers: IncomingHttpHeaders; body: string; json<T = unknown>(): T; peerSerial?: string }

export interface ReqOpts {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  agent?: Agent | false;
  servername?: string;
}

/** One HTTP(S) request with node:http(s) (custom CA and client certificates supported). */
export function req(url: string, opts: ReqOpts = {}): Promise<Reply> {
  const u = new URL(url);
  const fn = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const r = fn(u, {
      method: opts.method ?? 'GET', headers: opts.headers, ca: opts.ca, cert: opts.cert, key: opts.key,
      agent: opts.agent ?? false, servername: opts.servername,
    } as never, (res) => {
      const chunks: Buffer[] = [];
      const sock = res.socket as TLSSocket | null;
      const peer: PeerCertificate | undefined = sock && typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate() : undefined;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T, peerSerial: peer?.serialNumber });
      });
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(opts.body);
  });
}
