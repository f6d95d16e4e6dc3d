import { readFileSync } from 'node:fs';

/**
 * Datagrams the kernel dropped for the UDP socket bound to `port` because its receive buffer was full (Linux:
 * the `drops` column of /proc/net/udp and /proc/net/udp6). These losses happen before the process sees the
 * datagram, so they are invisible otherwise. Returns undefined where /proc is not available.
 */
export function udpKernelDrops(port: number, procFiles: readonly string[] = ['/proc/net/udp', '/proc/net/udp6']): number | undefined {
  const want = port.toString(16).toUpperCase().padStart(4, '0');
  let found = false;
  let drops = 0;
  for (const file of procFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (local === undefined || local.slice(local.lastIndexOf(':') + 1) !== want) continue;
      const d = Number(cols[cols.length - 1]);
      if (Number.isFinite(d)) {
        drops += d;
        found = true;
      }
    }
  }
  return found ? drops : undefined;
}
