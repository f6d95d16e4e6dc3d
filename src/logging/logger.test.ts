import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { createAccessLogger, createLogger, resolveStdoutMode, type LoggerOptions } from './logger.js';
import { logAccess } from './access-log.js';

let root: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'delve-log-')); });
afterEach(() => { rmSync(root, { recursive: true, force: true }); });

function opts(extra: Partial<LoggerOptions> = {}): LoggerOptions {
  return { name: 'serve', level: 'info', dir: join(root, 'log'), stdout: false, pretty: false, ...extra };
}
function readAll(dir: string): string {
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
}
function jsonLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}
function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines with level label, ISO time, msg, name and fields to <dir>/<name>.log (0600 in 0700)', async () => {
    const { logger, close, files } = createLogger(opts({ now: () => new Date('2026-11-29T10:11:12.000Z') }));
    logger.info({ events: 3 }, 'stored');
    logger.debug('not at info level');
    logger.child({ component: 'ingest' }).warn('slow');
    await close();
    expect(files().map((f) => basename(f))).toEqual(['serve.log']);
    const lines = jsonLines(join(root, 'log', 'serve.log'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', time: '2026-11-29T10:11:12.000Z', msg: 'stored', name: 'serve', events: 3, pid: process.pid });
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'slow', component: 'ingest' });
    expect(statSync(join(root, 'log')).mode & 0o777).toBe(0o700);
    expect(statSync(join(root, 'log', 'serve.log')).mode & 0o777).toBe(0o600);
  });

  it('never writes secrets: headers, cookies, passwords, tokens, keys, DSNs or query-string tokens', async () => {
    const app = createLogger(opts({ stdout: true, stdoutStream: capture().stream }));
    const stdout = capture();
    const access = createAccessLogger(opts({ stdout: true, pretty: true, stdoutStream: stdout.stream }));
    const { logger } = app;
    logger.info({ req: { method: 'GET', url: '/api/x?token=SEKRET1&page=2', headers: { authorization: 'Bearer SEKRET2', cookie: 'sid=SEKRET3' } } }, 'incoming');
    logger.info({ headers: { 'set-cookie': 'sid=SEKRET4' }, user: { password: 'SEKRET5', name: 'ann' } }, 'login');
    logger.info({ settings: { SECRET_KEY: 'SEKRET6', nested: { deep: { api_key: 'SEKRET7' } } }, dsn: 'postgres://u:SEKRET8@h/db' }, 'config');
    logger.child({ token: 'SEKRET9' }).info('child with a secret binding');
    const err = Object.assign(new Error('failed'), { token: 'SEKRET10', code: 'E1' });
    logger.error({ err }, 'boom');
    logger.info({ req: { url: '/cb?code=SEKRET11&state=SEKRET12&page=2', socket: { remoteAddress: '10.0.0.1' } } }, 'callback');
    logger.child({ a: 1 }).child({ password: 'SEKRET15' }).info('grandchild');
    class FakeRequest { method = 'GET'; url = '/x?sig=SEKRET16&page=2'; headers = { authorization: 'SEKRET17' }; id = 'r9'; socket = { remoteAddress: '::1' }; }
    logger.info({ req: new FakeRequest() }, 'class instance request goes through the req serializer');
    logAccess(access.logger, { method: 'get', url: '/api/x?token=SEKRET13&access_token=SEKRET14&page=2', status: 200, durationMs: 1.234, bytes: 10, remoteAddress: '127.0.0.1', requestId: 'r1', user: 'ann' });
    await app.close();
    await access.close();
    const all = readAll(join(root, 'log')) + stdout.text();
    for (let i = 1; i <= 17; i++) expect(all, `SEKRET${i}`).not.toMatch(new RegExp(`SEKRET${i}(?!\\d)`));
    expect(all).not.toMatch(/Bearer|sid=/);
    expect(all).toContain('page=2');
    expect(all).toContain('[redacted]');
    expect(all).toContain('"name":"ann"');
    expect(all).toContain('"code":"E1"');
    expect(all).toContain('"requestId":"r9"');
  });

  it('close() flushes everything: 10 000 lines written are 10 000 lines on disk, across rotations', async () => {
    const { logger, close, files } = createLogger(opts({ maxBytes: 256 * 1024, maxFiles: 100 }));
    for (let i = 0; i < 10_000; i++) logger.info({ i }, 'line');
    await close();
    logger.info('after close is dropped');
    const lines = files().flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== ''));
    expect(lines).toHaveLength(10_000);
    expect(files().length).toBeGreaterThan(1);
    expect(new Set(lines.map((l) => (JSON.parse(l) as { i: number }).i)).size).toBe(10_000);
  });

  it('rotates daily with the injected clock', async () => {
    let now = new Date('2026-11-29T12:00:00Z');
    const { logger, close, files } = createLogger(opts({ now: () => now }));
    logger.info('first');
    now = new Date('2026-11-30T00:00:05Z');
    logger.info('second');
    await close();
    expect(files().map((f) => basename(f))).toEqual(['serve.log', 'serve.2026-11-29.1.log']);
    expect(jsonLines(join(root, 'log', 'serve.2026-11-29.1.log'))[0]).toMatchObject({ msg: 'first' });
    expect(jsonLines(join(root, 'log', 'serve.log'))[0]).toMatchObject({ msg: 'second', time: '2026-11-30T00:00:05.000Z' });
  });

  it('writes pretty lines to stdout when asked, JSON lines otherwise, nothing when off', async () => {
    const pretty = capture();
    const a = createLogger(opts({ name: 'a', stdout: true, pretty: true, stdoutStream: pretty.stream }));
    a.logger.info({ host: 'web-1', note: 'two words' }, 'started');
    await a.close();
    expect(pretty.text()).toMatch(/^\d\d:\d\d:\d\d INFO  started host=web-1 note="two words"\n$/);
    const json = capture();
    const b = createLogger(opts({ name: 'b', stdout: true, pretty: false, stdoutStream: json.stream }));
    b.logger.info('plain');
    await b.close();
    expect(JSON.parse(json.text())).toMatchObject({ msg: 'plain', level: 'info' });
    const none = capture();
    const c = createLogger(opts({ name: 'c', stdout: false, stdoutStream: none.stream }));
    c.logger.info('file only');
    await c.close();
    expect(none.text()).toBe('');
  });

  it('access logger writes <name>-access.log lines tagged log=access', async () => {
    const { logger, close, files } = createAccessLogger(opts());
    logAccess(logger, { method: 'POST', url: '/api/events?index=web', status: 201, durationMs: 12.3456, bytes: 42, remoteAddress: '::1', requestId: 'req-7' });
    await close();
    expect(files().map((f) => basename(f))).toEqual(['serve-access.log']);
    expect(jsonLines(files()[0] as string)[0]).toMatchObject({
      log: 'access', level: 'info', msg: 'POST /api/events?index=web 201', method: 'POST', url: '/api/events?index=web',
      status: 201, durationMs: 12.35, bytes: 42, remoteAddress: '::1', requestId: 'req-7',
    });
  });

  it('refuses an unknown level with DLV_CONFIG_INVALID on DELVE_LOG_LEVEL', () => {
    let err: unknown;
    try { createLogger(opts({ level: 'verbose' })); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(DelveError);
    expect((err as DelveError).field).toBe('DELVE_LOG_LEVEL');
  });

  it('resolveStdoutMode: on when the setting is on or stdout is a TTY; pretty only on a TTY', () => {
    expect(resolveStdoutMode(false, false)).toEqual({ stdout: false, pretty: false });
    expect(resolveStdoutMode(true, false)).toEqual({ stdout: true, pretty: false });
    expect(resolveStdoutMode(false, true)).toEqual({ stdout: true, pretty: true });
  });
});
