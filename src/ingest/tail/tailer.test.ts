import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../../errors.js';
import type { CheckpointFile } from './checkpoint.js';
import { startTail } from './tailer.js';
import { RecordingSink } from '../../../test/helpers/recording-sink.js';
import type { TailHandle, TailOptions } from './types.js';

let dir: string;
let sink: RecordingSink;
const handles: TailHandle[] = [];

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'delve-tail-')));
  sink = new RecordingSink();
});
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const cpPath = (): string => join(dir, 'var', 'tail-files.json');
const readCp = (): CheckpointFile => JSON.parse(readFileSync(cpPath(), 'utf8')) as CheckpointFile;

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function tail(patterns: string[], extra: Partial<TailOptions> = {}): Promise<TailHandle> {
  const h = await startTail({
    patterns,
    checkpointPath: cpPath(),
    defaults: { index: 'main', host: 'web1', sourcetype: 'plain' },
    sink,
    cwd: dir,
    pollMs: 60_000, // tests drive the tailer with flush()
    rescanMs: 60_000,
    closeTimeoutMs: 0,
    ...extra,
  });
  handles.push(h);
  return h;
}

describe('tail-files', () => {
  it('ships appended lines with the event fields and records the offset in a 0600 checkpoint', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'one\ntwo\n');
    const t = await tail(['*.log']);
    await t.flush();
    appendFileSync(log, 'three\n');
    await t.flush();
    expect(sink.events[0]).toEqual({ index: 'main', host: 'web1', source: log, sourcetype: 'plain', text: 'one' });
    expect(sink.texts()).toEqual(['one', 'two', 'three']);
    const cp = readCp();
    expect(cp.version).toBe(1);
    expect(cp.files[log]?.offset).toBe(14);
    expect(cp.files[log]?.ino).toBe(statSync(log).ino);
    expect(statSync(cpPath()).mode & 0o777).toBe(0o600);
    expect(t.counters()).toMatchObject({ filesTracked: 1, eventsDelivered: 3, linesRead: 3, eventsPending: 0 });
  });

  it('picks up files created later that match the glob, and tiny files (no 256-byte gate)', async () => {
    const t = await tail(['logs/**/*.log']);
    await t.flush();
    writeFileSync(join(dir, 'late.log'), 'not matched\n');
    const sub = join(dir, 'logs', 'a', 'b');
    rmSync(sub, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'x.log'), 'hi\n');
    await t.flush();
    expect(sink.texts()).toEqual(['hi']);
    expect(sink.events[0]?.source).toBe(join(sub, 'x.log'));
  });

  it('rename rotation: reads the old file to its end and the new one from 0, no loss, no duplicates', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'a1\na2\n');
    const t = await tail([log]);
    await t.flush();
    appendFileSync(log, 'a3\n'); // written before rotation, not read yet
    renameSync(log, `${log}.1`);
    appendFileSync(`${log}.1`, 'a4\n'); // the writer still has the old file open
    writeFileSync(log, 'b1\n');
    await t.flush();
    await t.flush();
    appendFileSync(log, 'b2\n');
    await t.flush();
    expect(sink.texts().sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
    expect(t.counters().rotations).toBe(1);
    expect(readCp().files[log]?.offset).toBe(6);
    expect(readCp().files[log]?.ino).toBe(statSync(log).ino);
  });

  it('a rotated file found under a new matching name keeps its offset (also across a restart)', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'a1\na2\n');
    let t = await tail(['app.log*']);
    await t.flush();
    await t.close();
    appendFileSync(log, 'a3\n');
    renameSync(log, `${log}.1`);
    writeFileSync(log, 'b1\n');
    t = await tail(['app.log*']);
    await t.flush();
    expect(sink.texts().sort()).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(readCp().files[`${log}.1`]?.offset).toBe(9);
  });

  it('copytruncate rotation: new content is shipped from offset 0 (shorter or longer than the old offset)', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'old line one\nold line two\n');
    const t = await tail(['*.log']);
    await t.flush();
    copyFileSync(log, join(dir, 'app.log.1'));
    truncateSync(log, 0);
    appendFileSync(log, 'b1\n');
    await t.flush();
    expect(sink.texts()).toEqual(['old line one', 'old line two', 'b1']);
    copyFileSync(log, join(dir, 'app.log.2'));
    truncateSync(log, 0);
    appendFileSync(log, 'a much longer replacement line\n'); // already past the old offset when polled
    await t.flush();
    expect(sink.texts().slice(3)).toEqual(['a much longer replacement line']);
    expect(t.counters().truncations).toBe(2);
    expect(readCp().files[log]?.offset).toBe(31);
  });

  it('restart in the middle: no duplicates and no gaps, undelivered lines are read again', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, '1\n2\n');
    let t = await tail(['*.log']);
    await t.flush();
    appendFileSync(log, '3\n4\n');
    sink.failWith = 'remote down';
    await expect(t.flush()).rejects.toThrow('remote down');
    await t.close(); // gives up (closeTimeoutMs 0); 3 and 4 were never acknowledged
    expect(readCp().files[log]?.offset).toBe(4);
    sink.failWith = undefined;
    appendFileSync(log, '5\n');
    t = await tail(['*.log']);
    await t.flush();
    expect(sink.texts()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('a file replaced while stopped (same path, new content) is read from 0', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'first version\n');
    let t = await tail(['*.log']);
    await t.flush();
    await t.close();
    rmSync(log);
    writeFileSync(log, 'second version, longer than the first\n');
    t = await tail(['*.log']);
    await t.flush();
    expect(sink.texts()).toEqual(['first version', 'second version, longer than the first']);
  });

  it('does not advance the checkpoint while the sink rejects; a retry delivers exactly once', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'x\n');
    const t = await tail(['*.log']);
    await t.flush();
    sink.failWith = 'nope';
    appendFileSync(log, 'y\nz\n');
    await expect(t.flush()).rejects.toThrow('nope');
    expect(readCp().files[log]?.offset).toBe(2);
    expect(t.counters()).toMatchObject({ deliveryFailures: 1, eventsPending: 2, lastError: 'nope' });
    sink.failWith = undefined;
    await t.flush();
    expect(sink.texts()).toEqual(['x', 'y', 'z']);
    expect(readCp().files[log]?.offset).toBe(6);
  });

  it('partial last lines wait for the terminator, then are shipped marked after the timeout', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'abc');
    const t = await tail(['*.log'], { partialFlushMs: 0 });
    await t.flush();
    expect(sink.texts()).toEqual([]);
    await t.flush(); // unchanged for ≥ partialFlushMs
    appendFileSync(log, 'def\r\nghi\n');
    await t.flush();
    expect(sink.events.map((e) => [e.text, e.extracted_fields])).toEqual([
      ['abc', { _partial: true }],
      ['def', { _continuation: true }],
      ['ghi', undefined],
    ]);
  });

  it('a partial line completed before the timeout is one event; CRLF is stripped', async () => {
    const log = join(dir, 'app.log');
    writeFileSync(log, 'win\r\nhal');
    const t = await tail(['*.log']);
    await t.flush();
    appendFileSync(log, 'f\r\n');
    await t.flush();
    expect(sink.texts()).toEqual(['win', 'half']);
  });

  it('splits or truncates long lines and marks them', async () => {
    writeFileSync(join(dir, 'a.log'), `${'x'.repeat(40)}\nok\n`);
    const t = await tail(['a.log'], { maxLineBytes: 16 });
    await t.flush();
    expect(sink.events.map((e) => [e.text.length, e.extracted_fields?._split])).toEqual([
      [16, 1],
      [16, 2],
      [8, 3],
      [2, undefined],
    ]);
    await t.close();
    sink.events.length = 0;
    writeFileSync(join(dir, 'b.log'), `${'y'.repeat(40)}\nok\n`);
    const t2 = await tail(['b.log'], { maxLineBytes: 16, longLines: 'truncate' });
    await t2.flush();
    expect(sink.events.map((e) => [e.text, e.extracted_fields])).toEqual([
      ['y'.repeat(16), { _truncated: true }],
      ['ok', undefined],
    ]);
    expect(t2.counters().linesTruncated).toBe(1);
  });

  it('readFromStart=false starts existing unknown files at their end; later files from 0', async () => {
    writeFileSync(join(dir, 'old.log'), 'history\n');
    const t = await tail(['*.log'], { readFromStart: false });
    appendFileSync(join(dir, 'old.log'), 'new\n');
    writeFileSync(join(dir, 'later.log'), 'fresh\n');
    await t.flush();
    expect(sink.texts().sort()).toEqual(['fresh', 'new']);
  });

  it('sends batches of at most maxEvents', async () => {
    writeFileSync(join(dir, 'a.log'), Array.from({ length: 25 }, (_, i) => `l${i}\n`).join(''));
    const t = await tail(['*.log'], { batch: { maxEvents: 10 } });
    await t.flush();
    expect(sink.batches).toEqual([10, 10, 5]);
  });

  it('draws a catch-up progress bar only on a TTY', async () => {
    writeFileSync(join(dir, 'big.log'), 'line of text\n'.repeat(20_000));
    const out: string[] = [];
    const t = await tail(['*.log'], { progress: { isTTY: true, columns: 80, write: (s: string) => out.push(s) } });
    await t.flush();
    expect(out.join('')).toContain('catching up');
    expect(out.join('')).toContain('100%');
    await t.close();
    const quiet: string[] = [];
    rmSync(cpPath());
    const t2 = await tail(['*.log'], { progress: { isTTY: false, write: (s: string) => quiet.push(s) } });
    await t2.flush();
    expect(quiet).toEqual([]);
  });

  it('rejects bad options with DLV_TAIL_OPTION / DLV_TAIL_PATTERN', async () => {
    await expect(tail([])).rejects.toMatchObject({ code: 'DLV_TAIL_OPTION' });
    await expect(tail(['logs/'])).rejects.toMatchObject({ code: 'DLV_TAIL_PATTERN' });
    await expect(tail(['*.log'], { maxLineBytes: 0 })).rejects.toBeInstanceOf(DelveError);
    writeFileSync(join(dir, 'x'), '');
    (await import('node:fs')).mkdirSync(join(dir, 'var'), { recursive: true });
    writeFileSync(cpPath(), '{"version": 1, "files": {"/x": {"offset": -1}}}');
    await expect(tail(['*.log'])).rejects.toMatchObject({ code: 'DLV_TAIL_CHECKPOINT' });
  });

  it('runs on its own timers: new files and rotations are handled without flush(), drained rotated files are closed', async () => {
    const log = join(dir, 'app.log');
    const t = await tail(['*.log'], { pollMs: 10, rescanMs: 10, batch: { maxDelayMs: 0 } });
    writeFileSync(log, 'r1\n');
    await waitFor(() => sink.events.length === 1);
    renameSync(log, join(dir, 'app.old'));
    writeFileSync(log, 'r2\n');
    await waitFor(() => sink.events.length === 2 && t.counters().filesClosed === 1);
    expect(sink.texts()).toEqual(['r1', 'r2']);
    expect(t.counters()).toMatchObject({ rotations: 1, filesTracked: 1 });
  });

  it('close delivers what is queued and is idempotent', async () => {
    writeFileSync(join(dir, 'a.log'), 'q1\n');
    const t = await tail(['*.log'], { batch: { maxEvents: 1000, maxDelayMs: 60_000 } });
    await t.close();
    await t.close();
    expect(sink.texts()).toEqual([]); // nothing was read before close: it is read on the next start
    const t2 = await tail(['*.log']);
    await t2.flush();
    expect(sink.texts()).toEqual(['q1']);
  });
});
