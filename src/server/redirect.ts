import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Settings } from '../config/schema.js';
import { compileAllowedHosts, stripPort } from './net/allowed-hosts.js';
import type { NetworkMatcher } from './net/allowed-networks.js';

/**
 * DELVE_HTTP_REDIRECT_PORT: a plain-HTTP listener that only answers 308 redirects to the HTTPS origin (Host header
 * validated against ALLOWED_HOSTS so it cannot be used as an open redirect). No other processing happens here.
 */
export async function startRedirectListener(s: Settings, httpsPort: number, networks: NetworkMatcher): Promise<{ port: number; close(): Promise<void> }> {
  const allowed = compileAllowedHosts(s.ALLOWED_HOSTS);
  const server = createServer({ maxHeaderSize: 8192, requestTimeout: 10_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 }, (req, res) => {
    const host = req.headers.host;
    if (!allowed(host) || !host) {
      res.writeHead(400, { 'content-type': 'application/json', connection: 'close' }).end('{"error":{"code":"DLV_HTTP_HOST_NOT_ALLOWED","message":"This Host header is not in ALLOWED_HOSTS."}}');
      return;
    }
    const name = stripPort(host);
    const authority = `${name.includes(':') ? `[${name}]` : name}${httpsPort === 443 ? '' : `:${httpsPort}`}`;
    const path = (req.url ?? '/').startsWith('/') ? req.url ?? '/' : '/';
    res.writeHead(308, { location: `https://${authority}${path}`, 'content-length': '0', connection: 'close' }).end();
  });
  if (!networks.empty) server.prependListener('connection', (socket: Socket) => { if (!networks.matches(socket.remoteAddress)) socket.destroy(); });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen({ host: s.DELVE_SERVER_HOST, port: s.DELVE_HTTP_REDIRECT_PORT ?? 0 }, () => ok());
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
