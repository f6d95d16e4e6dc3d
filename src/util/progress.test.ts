import { describe, expect, it } from 'vitest';
import { createProgress, formatBytes, formatDuration, renderProgressLine } from './progress.js';

function fakeStream(isTTY: boolean): { isTTY: boolean; columns: number; out: string[]; write(s: string): boolean } {
  const out: string[] = [];
  return { isTTY, columns: 100, out, write: (s: string) => (out.push(s), true) };
}

describe('progress bar', () => {
  it('draws nothing when the stream is not a TTY', () => {
    const s = fakeStream(false);
    const p = createProgress({ stream: s, total: 100, unit: 'bytes' });
    p.update(50);
    p.finish();
    expect(p.active).toBe(false);
    expect(s.out).toEqual([]);
  });

  it('draws nothing without a stream', () => {
    const p = createProgress({ total: 10, unit: 'events' });
    p.tick(5);
    p.finish();
    expect(p.active).toBe(false);
  });

  it('draws done/total, rate and ETA on a TTY and ends the line on finish', () => {
    const s = fakeStream(true);
    let t = 0;
    const p = createProgress({ stream: s, total: 2048, unit: 'bytes', label: 'catching up', now: () => t });
    t = 1000;
    p.update(1024);
    expect(s.out).toHaveLength(1);
    expect(s.out[0]).toContain('\r');
    expect(s.out[0]).toContain('catching up');
    expect(s.out[0]).toContain('50%');
    expect(s.out[0]).toContain('1.0 KiB/2.0 KiB');
    expect(s.out[0]).toContain('1.0 KiB/s');
    expect(s.out[0]).toContain('ETA 0:01');
    p.finish();
    expect(s.out.at(-1)).toBe('\n');
  });

  it('throttles redraws to the minimum interval (clock injected)', () => {
    const s = fakeStream(true);
    let t = 0;
    const p = createProgress({ stream: s, total: 1000, unit: 'events', now: () => t, minIntervalMs: 100 });
    for (let i = 0; i < 50; i++) {
      t += 10; // 500 ms of updates every 10 ms
      p.tick(1);
    }
    expect(s.out.length).toBeLessThanOrEqual(6);
    expect(s.out.length).toBeGreaterThanOrEqual(4);
  });

  it('finish can clear the line instead', () => {
    const s = fakeStream(true);
    const p = createProgress({ stream: s, unit: 'events' });
    p.finish({ clear: true });
    p.finish();
    expect(s.out).toEqual(['\r\x1b[K']);
  });

  it('renders unknown totals as a counter with rate', () => {
    const line = renderProgressLine({ done: 500, unit: 'events', elapsedMs: 2000, width: 80 });
    expect(line).toBe('500 events 250 events/s');
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});
