import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parseDatagram } from '../syslog/index.js';
import { listenError } from './tcp-listener.js';

/** Options of {@link UdpListener}. */
export interface UdpListenerOptions {
  host: string;
  port: number;
  maxMessageBytes: number;
  /** SO_RCVBUF wanted (default 8 MiB; the kernel caps it at net.core.rmem_max). */
  recvBufferBytes?: number;
  onMessage(text: string, remoteAddress: string): void;
}

/** Receives syslog over UDP: one message per datagram (RFC 5426). */
export class UdpListener {
  private socket: dgram.Socket | undefined;
  datagrams = 0;

  constructor(private readonly o: UdpListenerOptions) {}

  /** Binds; resolves with the bound port. Throws DLV_SYSLOG_LISTEN. */
  start(): Promise<number> {
    const socket = dgram.createSocket({
      type: isIPv6(this.o.host) ? 'udp6' : 'udp4',
      recvBufferSize: this.o.recvBufferBytes ?? 8 * 1024 * 1024,
    });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => {
      this.datagrams++;
      this.o.onMessage(parseDatagram(msg, this.o.maxMessageBytes), rinfo.address);
    });
    return new Promise((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException): void => {
        socket.close();
        reject(listenError(e, this.o.host, this.o.port, 'UDP'));
      };
      socket.once('error', onError);
      socket.bind({ address: this.o.host, port: this.o.port }, () => {
        socket.off('error', onError);
        socket.on('error', () => undefined); // e.g. ICMP errors; datagram sockets stay usable
        resolve(socket.address().port);
      });
    });
  }

  /** The receive buffer size the kernel granted (bytes), or 0 before start. */
  recvBufferSize(): number {
    try {
      return this.socket?.getRecvBufferSize() ?? 0;
    } catch {
      return 0;
    }
  }

  close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s === undefined) return Promise.resolve();
    return new Promise((resolve) => s.close(() => resolve()));
  }
}
