import { once } from 'node:events';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SyslogFramer } from './index.js';
import type { SyslogFrame } from './index.js';

/** A real TCP server on 127.0.0.1:0 whose connections are piped through a SyslogFramer. */
async function startServer(): Promise<{ server: net.Server; port: number; done: Promise<SyslogFrame[]> }> {
  let resolve!: (frames: SyslogFrame[]) => void;
  const done = new Promise<SyslogFrame[]>((r) => (resolve = r));
  const server = net.createServer((socket) => {
    const framer = new SyslogFramer();
    const frames: SyslogFrame[] = [];
    socket.on('data', (chunk: Buffer) => {
      const r = framer.push(chunk);
      frames.push(...r.frames);
      if (r.close) socket.destroy();
    });
    socket.on('end', () => {
      frames.push(...framer.flush().frames);
      resolve(frames);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as net.AddressInfo).port, done };
}

let server: net.Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe('SyslogFramer over a real TCP socket', () => {
  it('frames a stream written in odd-sized pieces with Nagle off', async () => {
    const s = await startServer();
    server = s.server;
    const messages = Array.from({ length: 200 }, (_, i) => `<13>1 - host app ${i} - - message ${i} ünïcødé ${'x'.repeat(i * 7)}`);
    const wire = Buffer.from(messages.map((m, i) => (i % 2 ? `${Buffer.byteLength(m)} ${m}` : `${m}\r\n`)).join(''));
    const client = net.connect(s.port, '127.0.0.1');
    client.setNoDelay(true);
    await once(client, 'connect');
    // Write in pieces of 1..97 bytes so chunk boundaries fall inside MSG-LEN, characters and CRLF.
    for (let off = 0, n = 1; off < wire.length; off += n, n = (n * 7 + 3) % 97 + 1) client.write(wire.subarray(off, off + n));
    client.end('<13>last line without newline');
    const frames = await s.done;
    expect(frames.map((f) => f.text)).toEqual([...messages, '<13>last line without newline']);
    expect(frames.every((f) => !f.truncated)).toBe(true);
  });
});
