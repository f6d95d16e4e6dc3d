/**
 * Glob patterns for tail-files: `*` (any run of characters except `/`), `?` (one character), `[abc]`, `[a-z]`,
 * `[!abc]` / `[^abc]` (character classes), `**` as a whole path segment (zero or more directories) and `\x` (a
 * literal x). As in a shell, `*`, `?`, classes and `**` do not match a name starting with `.` unless the pattern
 * segment itself starts with `.`. Braces (`{a,b}`) are not supported: pass several patterns instead.
 * `expandGlob` walks the file system from the pattern's static prefix; it never follows symbolic links to
 * directories under `**` (no loops) and only returns regular files (symbolic links to files are returned).
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { DelveError } from '../../errors.js';

const MAX_DEPTH = 64;

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** True when the segment has an unescaped `*`, `?` or `[`. */
export function hasMagic(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** Removes glob escapes from a segment without magic. */
function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/gs, '$1');
}

/** Parses `[...]` starting at `i` (the `[`); returns the regex class and the index after `]`, or undefined. */
function parseClass(seg: string, i: number): { re: string; next: number } | undefined {
  let j = i + 1;
  let negate = false;
  if (seg[j] === '!' || seg[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  while (j < seg.length) {
    let c = seg[j] as string;
    if (c === ']' && !first) return { re: negate ? `(?:(?!/)[^${body}])` : `[${body}]`, next: j + 1 };
    first = false;
    if (c === '\\' && j + 1 < seg.length) c = seg[++j] as string;
    if (seg[j + 1] === '-' && j + 2 < seg.length && seg[j + 2] !== ']') {
      let hi = seg[j + 2] as string;
      let k = j + 2;
      if (hi === '\\' && k + 1 < seg.length) hi = seg[++k] as string;
      if (hi >= c) body += `${escapeRe(c)}-${escapeRe(hi)}`;
      j = k + 1;
      continue;
    }
    body += escapeRe(c);
    j++;
  }
  return undefined;
}

/** Converts one path segment (no `/`) to a regex source anchored by the caller. */
export function segmentToRegexSource(seg: string): string {
  let re = seg.startsWith('.') || seg.startsWith('\\.') ? '' : '(?!\\.)';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (c === '\\') {
      if (i + 1 < seg.length) re += escapeRe(seg[++i] as string);
      else re += '\\\\';
    } else if (c === '*') {
      while (seg[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const cls = parseClass(seg, i);
      if (cls) {
        re += cls.re;
        i = cls.next - 1;
      } else re += '\\[';
    } else re += escapeRe(c);
  }
  return re;
}

/** Splits a pattern into segments, collapsing repeated `**` and turning a trailing `**` into `**` + `*`. */
function splitPattern(pattern: string): string[] {
  const segs: string[] = [];
  for (const s of pattern.split('/')) {
    if (s === '**' && segs.at(-1) === '**') continue;
    if (s === '' && segs.length > 0) continue; // `a//b`
    segs.push(s);
  }
  if (segs.at(-1) === '**') segs.push('*');
  return segs;
}

/** Throws DLV_TAIL_PATTERN for patterns that cannot name files. */
export function validatePattern(pattern: string): void {
  if (pattern.trim() === '') throw new DelveError('DLV_TAIL_PATTERN', 'A file pattern is empty: pass a path or glob such as /var/log/*.log.', { field: 'patterns' });
  if (pattern.includes('\0')) throw new DelveError('DLV_TAIL_PATTERN', 'A file pattern contains a NUL byte.', { field: 'patterns' });
  if (pattern.endsWith('/')) throw new DelveError('DLV_TAIL_PATTERN', `The pattern "${pattern}" names a directory: add a file part, e.g. "${pattern}*.log".`, { field: 'patterns' });
}

/** Compiles a whole-path glob to an anchored RegExp (used for matching and in tests). */
export function globToRegExp(pattern: string): RegExp {
  const segs = splitPattern(pattern);
  let re = '^';
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    if (seg === '**') re += '(?:(?!\\.)[^/]+/)*';
    else re += segmentToRegexSource(seg) + (last ? '' : '/');
  });
  return new RegExp(`${re}$`, 's');
}

/** True when `path` matches the glob `pattern` (both compared as given: resolve them first). */
export function matchGlob(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path);
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function walk(dir: string, segs: string[], i: number, out: Set<string>, depth: number): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const seg = segs[i] as string;
  const last = i === segs.length - 1;
  if (seg === '**') {
    await walk(dir, segs, i + 1, out, depth);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.')) await walk(join(dir, e.name), segs, i, out, depth + 1);
    }
    return;
  }
  if (!hasMagic(seg)) {
    const p = join(dir, unescapeSegment(seg));
    if (last) {
      if (await isFile(p)) out.add(p);
    } else if (await isDir(p)) await walk(p, segs, i + 1, out, depth + 1);
    return;
  }
  const re = new RegExp(`^${segmentToRegexSource(seg)}$`, 's');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!re.test(e.name)) continue;
    const p = join(dir, e.name);
    if (last) {
      if (e.isFile() || (e.isSymbolicLink() && (await isFile(p)))) out.add(p);
    } else if (e.isDirectory() || (e.isSymbolicLink() && (await isDir(p)))) await walk(p, segs, i + 1, out, depth + 1);
  }
}

/**
 * Expands a glob to the absolute paths of the regular files it matches right now (sorted). Relative patterns are
 * resolved against `cwd`. Unreadable directories are skipped silently (they may appear later).
 */
export async function expandGlob(pattern: string, cwd: string = process.cwd()): Promise<string[]> {
  validatePattern(pattern);
  const abs = isAbsolute(pattern) ? pattern : `${resolve(cwd).replace(/\/$/, '')}/${pattern}`;
  const segs = splitPattern(abs);
  // segs[0] is '' (the root); find the static prefix.
  let i = 1;
  while (i < segs.length - 1 && segs[i] !== '**' && !hasMagic(segs[i] as string)) i++;
  const base = `/${segs.slice(1, i).map(unescapeSegment).join('/')}`;
  const out = new Set<string>();
  await walk(base, segs, i, out, 0);
  return [...out].sort();
}

/** Expands several globs; the union, sorted, without duplicates. */
export async function expandGlobs(patterns: readonly string[], cwd?: string): Promise<string[]> {
  const all = new Set<string>();
  for (const p of patterns) for (const f of await expandGlob(p, cwd)) all.add(f);
  return [...all].sort();
}
