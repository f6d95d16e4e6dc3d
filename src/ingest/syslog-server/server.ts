import type tls from 'node:tls';
import { DelveError } from '../../errors.js';
import type { CollectorLogger } from '../forward/index.js';
import type { EventSink } from '../sink.js';
import { EventBatcher } from './batcher.js';
import { udpKernelDrops } from './kernel-drops.js';
import { LogLimiter } from './log-limiter.js';
import { TcpListener } from './tcp-listener.js';
import { syslogEvent, type SyslogEventDefaults } from './to-event.js';
import { UdpListener } from './udp-listener.js';

/** Options of {@link startSyslogServer}. */
export interface SyslogServerOptions {
  /** Listen for UDP datagrams (RFC 5426). Port 0 picks a free one. */
  udp?: { host: string; port: number; recvBufferBytes?: number };
  /**
   * Listen for TCP (RFC 6587), or TLS (RFC 5425) when `tls` holds server options from `loadSyslogTls`.
   * `framing`: `auto` (default: octet counting or LF per frame, which also accepts senders such as rsyslog that
   * use LF framing over TLS) or `octet-counting` (strict RFC 5425).
   */
  tcp?: { host: string; port: number; tls?: tls.TlsOptions; framing?: 'auto' | 'octet-counting'; maxConnections?: number };
  defaults: SyslogEventDefaults;
  /** Use the message's TIMESTAMP as the event time (`--use-message-time`). */
  useMessageTime: boolean;
  sink: EventSink;
  batch?: { maxEvents?: number; maxDelayMs?: number; maxQueued?: number };
  logger: CollectorLogger;
  /** Longest message kept, in bytes (default 65536); longer ones are truncated. */
  maxMessageBytes?: number;
}

/** What the receiver has done since it started. */
export interface SyslogCounters {
  /** Messages received (framed TCP messages + UDP datagrams). */
  received: number;
  /** Events written to the sink (committed locally, or spooled/forwarded). */
  stored: number;
  /** UDP messages dropped because the queue was full. */
  dropped: number;
  /** UDP datagrams the kernel dropped because the socket buffer was full (Linux; 0 elsewhere). */
  kernelDrops: number;
  /** Failed sink writes that were retried. */
  retried: number;
  /** Events written to the forwarding spool (0 when delivering locally). */
  spooled: number;
  /** Events accepted and not yet stored. */
  queued: number;
  /** TCP framing errors and TLS handshake failures. */
  frameErrors: number;
  tlsErrors: number;
  /** Open TCP/TLS connections, and connections accepted in total. */
  connections: number;
  connectionsTotal: number;
  /** 1 while TCP reading is paused by back-pressure. */
  paused: number;
}

/** A running receiver. */
export interface SyslogServer {
  /** Bound ports (undefined when that transport is off). */
  udpPort: number | undefined;
  tcpPort: number | undefined;
  counters(): SyslogCounters;
  /** Writes what is queued; true once everything received so far is stored. */
  flush(timeoutMs?: number): Promise<boolean>;
  /**
   * Stops accepting (closes listeners and connections, keeping each connection's unterminated last message),
   * then waits up to `timeoutMs` (default 30 s) for queued events to be stored; returns how many could not be.
   * Does not close the sink.
   */
  close(timeoutMs?: number): Promise<number>;
}

/**
 * Starts the syslog receiver: UDP and/or TCP/TLS listeners → syslog parsing → batches → `sink.write`. TCP reads
 * pause while too many events wait for the sink (no loss); UDP messages are dropped (counted, logged at most
 * every 10 s) when the queue is full. Throws DLV_CONFIG_INVALID (nothing to listen on), DLV_SYSLOG_LISTEN,
 * DLV_TLS_CONFIG; on failure nothing is left listening.
 */
export async function startSyslogServer(opts: SyslogServerOptions): Promise<SyslogServer> {
  if (opts.udp === undefined && opts.tcp === undefined) {
    throw new DelveError('DLV_CONFIG_INVALID', 'Enable at least one of --udp and --tcp.', { field: '--udp' });
  }
  const maxMessageBytes = opts.maxMessageBytes ?? 65_536;
  const limiter = new LogLimiter(opts.logger);
  let received = 0;
  let frameErrors = 0;
  let tlsErrors = 0;
  let tcp: TcpListener | undefined;
  const batcher = new EventBatcher({
    sink: opts.sink,
    logger: opts.logger,
    ...opts.batch,
    onPressure: (paused) => {
      if (paused) tcp?.pauseAll();
      else tcp?.resumeAll();
    },
  });
  const accept = (droppable: boolean) => (text: string, remote: string): void => {
    received++;
    const ev = syslogEvent(text, remote, opts.defaults, opts.useMessageTime);
    if (ev === null) return;
    if (!batcher.push(ev, droppable)) {
      limiter.warn('udp-drop', { dropped: batcher.counts.dropped, queued: batcher.pending }, 'Dropping UDP syslog messages: the queue is full');
    }
  };

  const udp = opts.udp === undefined ? undefined : new UdpListener({
    ...opts.udp, maxMessageBytes, onMessage: accept(true),
  });
  if (opts.tcp !== undefined) {
    tcp = new TcpListener({
      host: opts.tcp.host,
      port: opts.tcp.port,
      ...(opts.tcp.tls === undefined ? {} : { tls: opts.tcp.tls }),
      framing: opts.tcp.framing ?? 'auto',
      maxMessageBytes,
      maxConnections: opts.tcp.maxConnections ?? 1024,
      onMessage: accept(false),
      onFrameErrors: (res, remote) => {
        frameErrors += res.errors.length;
        limiter.warn('frame', { remote, error: res.errors[0]?.message, closed: res.close }, 'Syslog framing error');
      },
      onTlsError: (err, remote) => {
        tlsErrors++;
        limiter.warn('tls', { remote, error: err.message }, 'Syslog TLS handshake failed');
      },
    });
  }

  let udpPort: number | undefined;
  let tcpPort: number | undefined;
  try {
    if (tcp !== undefined) tcpPort = await tcp.start();
    if (udp !== undefined) udpPort = await udp.start();
  } catch (e) {
    await tcp?.close();
    await udp?.close();
    throw e;
  }
  const kernelBase = udpPort === undefined ? undefined : udpKernelDrops(udpPort);
  const kernelDrops = (): number => {
    if (udpPort === undefined || kernelBase === undefined) return 0;
    return Math.max(0, (udpKernelDrops(udpPort) ?? kernelBase) - kernelBase);
  };
  let lastKernelDrops = 0;
  const watch = kernelBase === undefined ? undefined : setInterval(() => {
    const now = kernelDrops();
    if (now > lastKernelDrops) {
      opts.logger.warn({ kernelDrops: now, since: now - lastKernelDrops, queued: batcher.pending },
        'The kernel dropped UDP syslog datagrams: the receiver is not keeping up (slow sink or CPU); consider TCP, which is never dropped');
    }
    lastKernelDrops = now;
  }, 10_000);
  watch?.unref();
  opts.logger.info({ udpPort, tcpPort, tls: opts.tcp?.tls !== undefined, udpRecvBuffer: udp?.recvBufferSize() }, 'Syslog receiver listening');

  const counters = (): SyslogCounters => {
    const sinkCounters = (opts.sink as { counters?: () => { spooled?: number } }).counters?.();
    return {
      received,
      stored: batcher.counts.stored,
      dropped: batcher.counts.dropped,
      kernelDrops: kernelDrops(),
      retried: batcher.counts.retried,
      spooled: sinkCounters?.spooled ?? 0,
      queued: batcher.pending,
      frameErrors,
      tlsErrors,
      connections: tcp?.connections ?? 0,
      connectionsTotal: tcp?.connectionsTotal ?? 0,
      paused: batcher.isPaused ? 1 : 0,
    };
  };
  let closing: Promise<number> | undefined;
  return {
    udpPort,
    tcpPort,
    counters,
    flush: (timeoutMs) => batcher.flush(timeoutMs),
    close: (timeoutMs = 30_000) => {
      closing ??= (async () => {
        if (watch) clearInterval(watch);
        await Promise.all([tcp?.close(), udp?.close()]);
        const lost = await batcher.close(timeoutMs);
        if (lost > 0) opts.logger.error({ events: lost, ...counters() }, 'Syslog events could not be stored before shutdown');
        return lost;
      })();
      return closing;
    },
  };
}
