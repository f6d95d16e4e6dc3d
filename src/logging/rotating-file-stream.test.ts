import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { RotatingFileStream } from './rotating-file-stream.js';

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'delve-rfs-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

function clock(start: string): { now: () => Date; set(iso: string): void } {
  let t = new Date(start);
  return { now: () => t, set(iso) { t = new Date(iso); } };
}

function allLines(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l !== ''));
}

describe('RotatingFileStream', () => {
  it('creates the directory 0700 and the file 0600, tightening existing loose modes', () => {
    const dir = join(root, 'var', 'log');
    const s = new RotatingFileStream({ dir, baseName: 'serve' });
    s.write('hello\n');
    s.close();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'serve.log')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'other.log'), '', { mode: 0o644 });
    new RotatingFileStream({ dir, baseName: 'other' }).close();
    expect(statSync(join(dir, 'other.log')).mode & 0o777).toBe(0o600);
  });

  it('rotates by size into <name>.<day>.<n>.log, never splitting a line, and keeps at most maxFiles', () => {
    const c = clock('2026-11-29T10:00:00Z');
    const s = new RotatingFileStream({ dir: root, baseName: 'delve', maxBytes: 100, maxFiles: 3, now: c.now });
    const line = `${'x'.repeat(39)}\n`; // 40 bytes: two per file, so 5 rotations; the 3 newest are kept
    for (let i = 0; i < 12; i++) s.write(line);
    s.close();
    const names = readdirSync(root).sort();
    expect(names).toEqual(['delve.2026-11-29.3.log', 'delve.2026-11-29.4.log', 'delve.2026-11-29.5.log', 'delve.log']);
    for (const n of names) {
      expect(statSync(join(root, n)).size).toBeLessThanOrEqual(100);
      expect(statSync(join(root, n)).mode & 0o777).toBe(0o600);
    }
    expect(allLines(root).every((l) => l === 'x'.repeat(39))).toBe(true);
    expect(s.files().map((f) => basename(f))).toEqual(['delve.log', 'delve.2026-11-29.5.log', 'delve.2026-11-29.4.log', 'delve.2026-11-29.3.log']);
  });

  it('writes a line longer than maxBytes whole into a file of its own', () => {
    const s = new RotatingFileStream({ dir: root, baseName: 'delve', maxBytes: 10, maxFiles: 5 });
    s.write('short\n');
    s.write(`${'L'.repeat(50)}\n`);
    s.write('next\n');
    s.close();
    expect(readFileSync(join(root, 'delve.log'), 'utf8')).toBe('next\n');
    expect(allLines(root).sort()).toEqual(['L'.repeat(50), 'next', 'short'].sort());
  });

  it('starts a new file on the first write of a new (UTC) day, naming the old one by its day', () => {
    const c = clock('2026-11-29T23:59:59Z');
    const s = new RotatingFileStream({ dir: root, baseName: 'delve', now: c.now });
    s.write('day one\n');
    c.set('2026-11-30T00:00:01Z');
    s.write('day two\n');
    c.set('2026-12-02T08:00:00Z');
    s.write('day four\n');
    s.close();
    expect(readFileSync(join(root, 'delve.2026-11-29.1.log'), 'utf8')).toBe('day one\n');
    expect(readFileSync(join(root, 'delve.2026-11-30.1.log'), 'utf8')).toBe('day two\n');
    expect(readFileSync(join(root, 'delve.log'), 'utf8')).toBe('day four\n');
  });

  it('rotates a non-empty file left from an earlier day at the first write after a restart', () => {
    writeFileSync(join(root, 'delve.log'), 'old line\n', { mode: 0o600 });
    writeFileSync(join(root, 'delve.2026-11-20.1.log'), 'older\n', { mode: 0o600 });
    const old = new Date('2026-11-20T12:00:00Z');
    utimesSync(join(root, 'delve.log'), old, old);
    const s = new RotatingFileStream({ dir: root, baseName: 'delve', now: () => new Date('2026-11-29T09:00:00Z') });
    s.write('new line\n');
    s.close();
    expect(readFileSync(join(root, 'delve.2026-11-20.2.log'), 'utf8')).toBe('old line\n');
    expect(readFileSync(join(root, 'delve.log'), 'utf8')).toBe('new line\n');
  });

  it('prunes only its own rotated files', () => {
    writeFileSync(join(root, 'delve-access.2026-01-01.1.log'), 'a\n');
    writeFileSync(join(root, 'unrelated.txt'), 'b\n');
    const s = new RotatingFileStream({ dir: root, baseName: 'delve', maxBytes: 5, maxFiles: 1 });
    for (let i = 0; i < 5; i++) s.write('line\n');
    s.close();
    expect(readdirSync(root).filter((n) => n.startsWith('delve.2'))).toHaveLength(1);
    expect(readdirSync(root)).toContain('delve-access.2026-01-01.1.log');
    expect(readdirSync(root)).toContain('unrelated.txt');
  });

  it('ignores writes after close', () => {
    const s = new RotatingFileStream({ dir: root, baseName: 'delve' });
    s.write('a\n');
    s.close();
    s.close();
    expect(s.write('b\n')).toBe(false);
    expect(readFileSync(join(root, 'delve.log'), 'utf8')).toBe('a\n');
  });

  it('refuses unsafe names and unusable directories with DLV_CONFIG_INVALID', () => {
    for (const bad of ['../x', 'a/b', '', '.hidden', 'a..b']) {
      expect(() => new RotatingFileStream({ dir: root, baseName: bad })).toThrow(DelveError);
    }
    const file = join(root, 'not-a-dir');
    writeFileSync(file, '');
    let err: unknown;
    try { new RotatingFileStream({ dir: join(file, 'log'), baseName: 'delve' }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DelveError);
    expect((err as DelveError).code).toBe('DLV_CONFIG_INVALID');
    expect((err as DelveError).field).toBe('DELVE_LOG_DIR');
  });
});
