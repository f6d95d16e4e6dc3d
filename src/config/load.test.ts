import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DelveError } from '../errors.js';
import { loadSettings } from './load.js';

let home: string;
beforeEach(() => { home = mkdtempSync(join(tmpdir(), 'delve-settings-')); });
afterEach(() => { rmSync(home, { recursive: true, force: true }); });

const expectConfigError = async (p: Promise<unknown>, field: string, text: RegExp): Promise<void> => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DelveError);
  expect((e as DelveError).code).toBe('DLV_CONFIG_INVALID');
  expect((e as DelveError).field).toBe(field);
  expect((e as DelveError).message).toMatch(text);
};

describe('loadSettings', () => {
  it('applies defaults < settings.ts < env < flags and records each source', async () => {
    writeFileSync(join(home, 'settings.ts'), `const port: number = 9001;\nexport default { DELVE_SERVER_PORT: port, DELVE_LOG_LEVEL: 'debug', DEBUG: false };\n`);
    const { settings, sources } = await loadSettings({ home, env: { DELVE_LOG_LEVEL: 'warn', DELVE_DEBUG: 'yes' }, flags: { DEBUG: false } });
    expect(settings.DELVE_SERVER_PORT).toBe(9001);
    expect(sources.DELVE_SERVER_PORT).toBe('file');
    expect(settings.DELVE_LOG_LEVEL).toBe('warn');
    expect(sources.DELVE_LOG_LEVEL).toBe('env');
    expect(settings.DEBUG).toBe(false);
    expect(sources.DEBUG).toBe('flag');
    expect(sources.DELVE_SERVER_HOST).toBe('default');
    expect(settings.DELVE_DATABASE_PATH).toBe(join(home, 'var', 'db.sqlite3'));
  });

  it('returns frozen settings (lists too)', async () => {
    const { settings } = await loadSettings({ home, env: { DELVE_ALLOWED_HOSTS: 'a.example, b.example' } });
    expect(Object.isFrozen(settings)).toBe(true);
    expect(settings.ALLOWED_HOSTS).toEqual(['a.example', 'b.example']);
    expect(() => (settings.ALLOWED_HOSTS as string[]).push('x')).toThrow();
  });

  it('accepts a settings.ts whose default export is a function of the environment', async () => {
    writeFileSync(join(home, 'settings.ts'), `export default (env: Record<string, string | undefined>) => ({ SECRET_KEY: env.MY_KEY ?? null });\n`);
    const { settings } = await loadSettings({ home, env: { MY_KEY: 'k'.repeat(10) + 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH' } });
    expect(settings.SECRET_KEY).toMatch(/^kkkk/);
  });

  it('rejects unknown settings in settings.ts, naming them and suggesting the right one', async () => {
    writeFileSync(join(home, 'settings.ts'), `export default { SERVER_PORT: 1 };\n`);
    await expectConfigError(loadSettings({ home, env: {} }), 'SERVER_PORT', /unknown setting SERVER_PORT \(did you mean DELVE_SERVER_PORT\?\)/);
  });

  it('rejects bad types with the setting name and the reason', async () => {
    await expectConfigError(loadSettings({ home, env: { DELVE_SERVER_PORT: 'eighty' } }), 'DELVE_SERVER_PORT', /DELVE_SERVER_PORT.*whole number/);
    await expectConfigError(loadSettings({ home, env: { DELVE_SERVER_PORT: '70000' } }), 'DELVE_SERVER_PORT', /<= 65535/);
    await expectConfigError(loadSettings({ home, env: { DELVE_DEBUG: 'maybe' } }), 'DEBUG', /true\/false/);
    await expectConfigError(loadSettings({ home, env: { DELVE_SSL_CLIENT_AUTH: 'sometimes' } }), 'DELVE_SSL_CLIENT_AUTH', /allowed: none, optional, required/);
    await expectConfigError(loadSettings({ home, env: { DELVE_SESSION_IDLE_TIMEOUT: 'soon' } }), 'SESSION_IDLE_TIMEOUT', /duration/);
    writeFileSync(join(home, 'settings.ts'), `export default { ALLOWED_HOSTS: 5 };\n`);
    await expectConfigError(loadSettings({ home, env: {} }), 'ALLOWED_HOSTS', /settings\.ts/);
  });

  it('does not echo secret values in errors', async () => {
    writeFileSync(join(home, 'settings.ts'), `export default { SECRET_KEY: 12345678901234 };\n`);
    const e = await loadSettings({ home, env: {} }).catch((x: unknown) => x as DelveError);
    expect(e.message).not.toContain('12345678901234');
  });

  it('reports a syntax error in settings.ts clearly', async () => {
    writeFileSync(join(home, 'settings.ts'), `export default { DEBUG: true,, };\n`);
    const e = await loadSettings({ home, env: {} }).catch((x: unknown) => x as DelveError);
    expect(e.code).toBe('DLV_CONFIG_SETTINGS_FILE');
  });

  it('parses durations in env and settings.ts', async () => {
    const { settings } = await loadSettings({ home, env: { DELVE_SESSION_IDLE_TIMEOUT: '30m', DELVE_SESSION_MAX_AGE: '2d' } });
    expect(settings.SESSION_IDLE_TIMEOUT).toBe(1800);
    expect(settings.SESSION_MAX_AGE).toBe(172800);
  });

  it('property: any env string for any setting either loads or fails with DLV_CONFIG_INVALID naming that setting', async () => {
    const names = ['DELVE_SERVER_PORT', 'DELVE_DEBUG', 'DELVE_ALLOWED_HOSTS', 'DELVE_SESSION_IDLE_TIMEOUT', 'DELVE_EXTRACTION_MAP', 'DELVE_SSL_CLIENT_AUTH', 'DELVE_LOG_LEVEL', 'DELVE_HTTP_REDIRECT_PORT'];
    await fc.assert(fc.asyncProperty(fc.constantFrom(...names), fc.string(), async (name, value) => {
      try {
        await loadSettings({ home, env: { [name]: value } });
      } catch (e) {
        expect(e).toBeInstanceOf(DelveError);
        expect((e as DelveError).code).toBe('DLV_CONFIG_INVALID');
        expect((e as DelveError).message).toContain(name);
      }
    }), { numRuns: 200 });
  });
});

describe('settings.example.ts', () => {
  it('loads as a settings.ts and reads the key from the environment', async () => {
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(import.meta.dirname, '..', '..', 'settings.example.ts'), join(home, 'settings.ts'));
    const key = 'example-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFG';
    const { settings, sources } = await loadSettings({ home, env: { DELVE_SECRET_KEY: key } });
    expect(settings.SECRET_KEY).toBe(key);
    expect(sources.SECRET_KEY).toBe('env');
  });
});
