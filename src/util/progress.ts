/**
 * A one-line terminal progress bar (no dependency). It draws only when the stream is a TTY, so piping a command's
 * output to a file or running it under systemd never fills logs with carriage returns. Redraws are throttled to
 * at most one per `minIntervalMs` (default 100 ms, i.e. ~10/s); `finish()` always draws the final state.
 */

/** The part of a `tty.WriteStream` the bar uses (`process.stderr` fits; tests pass a fake). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** Where to draw; nothing is drawn when absent or not a TTY. */
  stream?: ProgressStream | undefined;
  /** The amount of work; unknown (0/undefined) shows a counter and rate without a bar or ETA. */
  total?: number | undefined;
  unit: 'bytes' | 'events';
  label?: string;
  minIntervalMs?: number;
  /** Clock in ms (tests inject one). */
  now?: () => number;
}

export interface Progress {
  /** True when the bar actually draws (the stream is a TTY). */
  readonly active: boolean;
  /** Sets the amount done (and optionally a new total), redrawing if the throttle allows. */
  update(done: number, total?: number): void;
  /** Adds `delta` to the amount done. */
  tick(delta: number): void;
  /** Draws the final state and ends the line (`clear: true` erases the line instead). */
  finish(opts?: { clear?: boolean }): void;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `1536` → `1.5 KiB`. */
export function formatBytes(n: number): string {
  let v = Math.max(0, n);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${UNITS[i]}`;
}

/** Seconds → `m:ss` or `h:mm:ss`; `--:--` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function formatAmount(n: number, unit: 'bytes' | 'events'): string {
  return unit === 'bytes' ? formatBytes(n) : `${Math.round(n)} events`;
}

function formatRate(perSecond: number, unit: 'bytes' | 'events'): string {
  return unit === 'bytes' ? `${formatBytes(perSecond)}/s` : `${Math.round(perSecond)} events/s`;
}

/** Renders one progress line (exported for tests). `elapsedMs` is the time since the bar started. */
export function renderProgressLine(p: { label?: string | undefined; done: number; total?: number | undefined; unit: 'bytes' | 'events'; elapsedMs: number; width: number }): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const parts: string[] = [];
  if (p.label) parts.push(p.label);
  const known = p.total !== undefined && p.total > 0;
  const stats: string[] = [];
  if (known) {
    const total = p.total as number;
    const frac = Math.min(1, Math.max(0, p.done / total));
    stats.push(`${String(Math.floor(frac * 100)).padStart(3)}%`, `${formatAmount(p.done, p.unit)}/${formatAmount(total, p.unit)}`);
    stats.push(formatRate(rate, p.unit), `ETA ${rate > 0 ? formatDuration((total - p.done) / rate) : '--:--'}`);
    const fixed = [...parts, ...stats].join(' ').length + 3;
    const barWidth = Math.max(10, Math.min(40, p.width - fixed));
    const filled = Math.round(frac * barWidth);
    parts.push(`[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`);
  } else {
    stats.push(formatAmount(p.done, p.unit), formatRate(rate, p.unit));
  }
  return [...parts, ...stats].join(' ').slice(0, Math.max(20, p.width - 1));
}

/** Creates a progress bar; see the module comment. */
export function createProgress(opts: ProgressOptions): Progress {
  const stream = opts.stream;
  const active = stream?.isTTY === true;
  const now = opts.now ?? Date.now;
  const minInterval = opts.minIntervalMs ?? 100;
  const start = now();
  let total = opts.total;
  let done = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let finished = false;

  const draw = (): void => {
    if (!active || !stream) return;
    const line = renderProgressLine({ label: opts.label, done, total, unit: opts.unit, elapsedMs: now() - start, width: stream.columns ?? 80 });
    stream.write(`\r\x1b[K${line}`);
  };
  const maybeDraw = (): void => {
    if (!active || finished) return;
    const t = now();
    if (t - lastDraw < minInterval) return;
    lastDraw = t;
    draw();
  };
  return {
    active,
    update(d: number, t?: number): void {
      done = d;
      if (t !== undefined) total = t;
      maybeDraw();
    },
    tick(delta: number): void {
      done += delta;
      maybeDraw();
    },
    finish(f?: { clear?: boolean }): void {
      if (finished) return;
      finished = true;
      if (!active || !stream) return;
      if (f?.clear) stream.write('\r\x1b[K');
      else {
        draw();
        stream.write('\n');
      }
    },
  };
}
