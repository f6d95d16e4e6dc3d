import net from 'node:net';
import tls from 'node:tls';
import { DelveError } from '../../errors.js';
import { SyslogFramer, type FramerResult } from '../syslog/index.js';

/** Options of {@link TcpListener}. */
export interface TcpListenerOptions {
  host: string;
  port: number;
  /** TLS server options (from loadSyslogTls); absent = plain TCP. */
  tls?: tls.TlsOptions;
  /** `auto` (RFC 6587: octet counting or LF per frame, the default) or `octet-counting` (strict RFC 5425). */
  framing: 'auto' | 'octet-counting';
  maxMessageBytes: number;
  maxConnections: number;
  onMessage(text: string, remoteAddress: string): void;
  onFrameErrors(result: FramerResult, remoteAddress: string): void;
  onTlsError(err: Error, remoteAddress: string): void;
}

/**
 * Accepts syslog over TCP or TLS: one SyslogFramer per connection; `pauseAll()`/`resumeAll()` stop and restart
 * reading from every connection (back-pressure: the kernel buffers fill and senders block). A fatal framing error
 * closes that connection.
 */
export class TcpListener {
  private readonly o: TcpListenerOptions;
  private server: net.Server | undefined;
  private readonly conns = new Map<net.Socket, SyslogFramer>();
  private paused = false;
  connectionsTotal = 0;

  constructor(opts: TcpListenerOptions) {
    this.o = opts;
  }

  /** Open connections. */
  get connections(): number {
    return this.conns.size;
  }

  /** Starts listening; resolves with the bound port. Throws DLV_TLS_CONFIG or DLV_SYSLOG_LISTEN. */
  async start(): Promise<number> {
    const handler = (s: net.Socket): void => this.accept(s);
    let server: net.Server;
    if (this.o.tls !== undefined) {
      try {
        server = tls.createServer({ ...this.o.tls, handshakeTimeout: 10_000 }, handler);
      } catch (e) {
        throw new DelveError('DLV_TLS_CONFIG', `The syslog TLS settings were refused: ${(e as Error).message}`, { field: '--tls-cert', cause: e });
      }
      server.on('tlsClientError', (err, s) => this.o.onTlsError(err, s.remoteAddress ?? '?'));
    } else {
      server = net.createServer(handler);
    }
    server.maxConnections = this.o.maxConnections;
    this.server = server;
    return listen(server, this.o.host, this.o.port, this.o.tls !== undefined ? 'TLS' : 'TCP');
  }

  pauseAll(): void {
    this.paused = true;
    for (const s of this.conns.keys()) s.pause();
  }

  resumeAll(): void {
    this.paused = false;
    for (const s of this.conns.keys()) s.resume();
  }

  /** Stops accepting, hands over each connection's unterminated last frame, and closes every connection. */
  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of [...this.conns.keys()]) this.finish(s);
    await closed;
  }

  private accept(s: net.Socket): void {
    const remote = s.remoteAddress ?? '?';
    const framer = new SyslogFramer({ maxMessageBytes: this.o.maxMessageBytes, framing: this.o.framing });
    this.conns.set(s, framer);
    this.connectionsTotal++;
    s.setNoDelay(true);
    s.setKeepAlive(true, 60_000);
    s.on('data', (chunk: Buffer) => {
      const res = framer.push(chunk);
      for (const f of res.frames) this.o.onMessage(f.text, remote);
      if (res.errors.length > 0) this.o.onFrameErrors(res, remote);
      if (res.close) this.finish(s);
    });
    s.on('end', () => this.finish(s));
    s.on('close', () => this.finish(s));
    s.on('error', () => this.finish(s));
    if (this.paused) s.pause();
  }

  /** Flushes the connection's framer once and destroys the socket. */
  private finish(s: net.Socket): void {
    const framer = this.conns.get(s);
    if (framer === undefined) return;
    this.conns.delete(s);
    const res = framer.flush();
    const remote = s.remoteAddress ?? '?';
    for (const f of res.frames) this.o.onMessage(f.text, remote);
    if (res.errors.length > 0) this.o.onFrameErrors(res, remote);
    s.destroy();
  }
}

/** `server.listen` as a promise; bind errors become DLV_SYSLOG_LISTEN with a hint. */
export function listen(server: net.Server, host: string, port: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => reject(listenError(e, host, port, what));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
    });
  });
}

/** DLV_SYSLOG_LISTEN for a bind failure, with the usual causes spelled out. */
export function listenError(e: NodeJS.ErrnoException, host: string, port: number, what: string): DelveError {
  const hint = e.code === 'EADDRINUSE' ? 'another process is using the port; pick another one'
    : e.code === 'EACCES' ? 'ports below 1024 need privileges; use a higher port (e.g. 1514/2514) or redirect with the firewall'
      : e.code === 'EADDRNOTAVAIL' ? 'this machine has no such address; check --hostname'
        : e.message;
  return new DelveError('DLV_SYSLOG_LISTEN', `Cannot listen for syslog ${what} on ${host}:${port} (${e.code ?? 'error'}): ${hint}.`,
    { field: what === 'UDP' ? '--udp-port' : '--tcp-port', cause: e });
}
