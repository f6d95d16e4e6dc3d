import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint, type CheckpointFile } from './checkpoint.js';

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'delve-cp-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function doc(n: number): CheckpointFile {
  const files: CheckpointFile['files'] = {};
  for (let i = 0; i < 200; i++) files[`/var/log/file-${i}.log`] = { dev: 1, ino: i, fingerprint: 'f'.repeat(64), fingerprintLength: 1024, offset: n * 1000 + i };
  return { version: 1, files };
}

describe('tail-files checkpoint', () => {
  it('a missing file is an empty checkpoint; a saved one round-trips with mode 0600 in a 0700 directory', async () => {
    const p = join(dir, 'var', 'tail-files.json');
    expect(await loadCheckpoint(p)).toEqual({ version: 1, files: {} });
    await saveCheckpoint(p, doc(1));
    expect(await loadCheckpoint(p)).toEqual(doc(1));
    expect(statSync(p).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'var')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'var'))).toEqual(['tail-files.json']); // no temp files left behind
  });

  it('reads the original product format (path → current_position + hash)', async () => {
    const p = join(dir, 'old.json');
    writeFileSync(p, JSON.stringify({ '/var/log/a.log': { current_position: 42, hash: 'abc' } }));
    expect(await loadCheckpoint(p)).toEqual({ version: 1, files: { '/var/log/a.log': { fingerprint: 'abc', fingerprintLength: 256, offset: 42 } } });
  });

  it.each([
    ['not json', '{'],
    ['an array', '[]'],
    ['a bad version', '{"version": 2, "files": {}}'],
    ['a bad entry', '{"version": 1, "files": {"/a": {"dev": 1, "ino": 1, "fingerprint": "x", "fingerprintLength": 1, "offset": "7"}}}'],
  ])('refuses %s with DLV_TAIL_CHECKPOINT', async (_name, text) => {
    const p = join(dir, 'bad.json');
    writeFileSync(p, text);
    await expect(loadCheckpoint(p)).rejects.toMatchObject({ code: 'DLV_TAIL_CHECKPOINT' });
  });

  it('reports an unwritable location with DLV_TAIL_CHECKPOINT', async () => {
    writeFileSync(join(dir, 'file'), '');
    await expect(saveCheckpoint(join(dir, 'file', 'cp.json'), doc(0))).rejects.toMatchObject({ code: 'DLV_TAIL_CHECKPOINT' });
  });

  it('is replaced atomically: a concurrent reader never sees partial JSON', async () => {
    const p = join(dir, 'var', 'cp.json');
    mkdirSync(join(dir, 'var'));
    await saveCheckpoint(p, doc(0));
    // A worker thread reads the file in a tight loop while this thread rewrites it.
    const reader = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const fs = require('node:fs');
       let reads = 0, bad = 0, stop = false;
       parentPort.on('message', () => { stop = true; });
       (function loop() {
         for (let i = 0; i < 200; i++) {
           try { JSON.parse(fs.readFileSync(workerData, 'utf8')); reads++; } catch { bad++; }
         }
         if (stop) parentPort.postMessage({ reads, bad }); else setImmediate(loop);
       })();`,
      { eval: true, workerData: p },
    );
    for (let n = 1; n <= 150; n++) await saveCheckpoint(p, doc(n));
    const result = await new Promise<{ reads: number; bad: number }>((resolve) => {
      reader.once('message', resolve);
      reader.postMessage('stop');
    });
    await reader.terminate();
    expect(result.reads).toBeGreaterThan(0);
    expect(result.bad).toBe(0);
    expect((await loadCheckpoint(p)).files['/var/log/file-0.log']?.offset).toBe(150_000);
  });
});
