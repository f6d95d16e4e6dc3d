import dgram from 'node:dgram';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir } from '../../../test/helpers/certs.js';
import { startCounterReporter } from './index.js';
import { udpKernelDrops } from './kernel-drops.js';

describe('udpKernelDrops', () => {
  it('reads the drops column of the socket bound to the port', () => {
    const dir = makeTempDir('delve-proc-');
    const file = join(dir, 'udp');
    writeFileSync(file, [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '  1: 0100007F:09D2 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 4242 2 0000000000000000 17',
      '  2: 0100007F:0A00 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 4243 2 0000000000000000 5',
    ].join('\n'));
    expect(udpKernelDrops(2514, [file])).toBe(17);
    expect(udpKernelDrops(9, [file])).toBeUndefined();
    expect(udpKernelDrops(2514, [join(dir, 'missing')])).toBeUndefined();
    removeTempDir(dir);
  });

  it.skipIf(!existsSync('/proc/net/udp'))('finds a real socket', async () => {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    expect(udpKernelDrops(s.address().port)).toBe(0);
    s.close();
  });
});

describe('startCounterReporter', () => {
  it('logs the counters on SIGUSR1 until stopped', async () => {
    const lines: object[] = [];
    const logger = { info: (o: object) => { lines.push(o); }, warn() {}, error() {} };
    const r = startCounterReporter({ counters: () => ({ received: 3 }), logger, intervalMs: 0 });
    process.kill(process.pid, 'SIGUSR1');
    for (let i = 0; i < 200 && lines.length === 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(lines).toEqual([{ counters: { received: 3 } }]);
    r.stop();
    expect(process.listeners('SIGUSR1')).not.toContain(r.report);
  });
});
