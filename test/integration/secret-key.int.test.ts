import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fl, flAsync, KEY_A, KEY_B, rmHome, tempHome } from '../helpers/fl.js';

let home: string;
beforeEach(() => { home = tempHome(); });
afterEach(() => { rmHome(home); });

const keySource = (out: string): string | undefined => /^SECRET_KEY\s+=\s+\S+\s+\[(\S+)\]$/m.exec(out)?.[1];

describe('fl gen-secret-key', () => {
  it('prints one URL-safe line of >= 50 CSPRNG characters and nothing else', () => {
    const a = fl(['gen-secret-key'], { home });
    const b = fl(['gen-secret-key'], { home });
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^[A-Za-z0-9_-]{50,}\n$/);
    expect(a.stdout).not.toBe(b.stdout);
    expect(fl(['gen-secret-key', '--length', '80'], { home }).stdout.trim()).toHaveLength(80);
  });

  it('refuses a length below 50 with a usage error', () => {
    const r = fl(['gen-secret-key', '--length', '49'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DLV_CLI_USAGE');
    expect(r.stdout).toBe('');
  });
});

describe('SECRET_KEY resolution', () => {
  it('generates var/secret_key once (0600 in a 0700 var/), warns, and every later process reuses it', async () => {
    const results = await Promise.all([1, 2, 3].map(() => flAsync(['reencrypt'], { home })));
    for (const r of results) expect(r.code).toBe(0);
    expect(results.filter((r) => r.stderr.includes('generated one into')).length).toBe(1);
    const file = join(home, 'var', 'secret_key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'var')).mode & 0o777).toBe(0o700);
    const key = readFileSync(file, 'utf8');
    const again = fl(['reencrypt'], { home });
    expect(again.stderr).not.toContain('generated');
    expect(readFileSync(file, 'utf8')).toBe(key);
    expect(keySource(fl(['check'], { home }).stdout)).toBe('default');
  });

  it('precedence: flag > env > env _FILE > settings.ts', () => {
    const keyFile = join(home, 'key.txt');
    writeFileSync(keyFile, `${KEY_B}\n`, { mode: 0o600 });
    writeFileSync(join(home, 'settings.ts'), `export default { SECRET_KEY: '${KEY_A}' } satisfies Record<string, unknown>;\n`);
    expect(keySource(fl(['check'], { home }).stdout)).toBe('file');
    expect(keySource(fl(['check'], { home, env: { DELVE_SECRET_KEY_FILE: keyFile } }).stdout)).toBe('env-file');
    expect(keySource(fl(['check'], { home, env: { DELVE_SECRET_KEY_FILE: keyFile, DELVE_SECRET_KEY: KEY_B } }).stdout)).toBe('env');
    expect(keySource(fl(['--secret-key', KEY_B, 'check'], { home, env: { DELVE_SECRET_KEY: KEY_A } }).stdout)).toBe('flag');
  });

  it('never prints a key in check output', () => {
    const r = fl(['check'], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FALLBACKS: KEY_B } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(KEY_A);
    expect(r.stdout).not.toContain(KEY_B);
    expect(r.stdout).toMatch(/SECRET_KEY\s+= \*{8}/);
  });

  it.each([
    ['too short', 'x'.repeat(20) + 'abcd'],
    ['too few distinct characters', 'abab'.repeat(20)],
    ['a known placeholder', 'your-default-secret-key'],
  ])('refuses a weak key (%s) unless DEBUG', (_why, key) => {
    const r = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: key } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_KEY_WEAK');
    expect(r.stderr).toContain('SECRET_KEY is too weak');
    expect(r.stderr).not.toContain(key);
    const dbg = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: key, DELVE_DEBUG: 'true' } });
    expect(dbg.code).toBe(0);
    expect(dbg.stderr).toMatch(/warning: SECRET_KEY is too weak.*DEBUG/);
  });

  it('checks each fallback too', () => {
    const r = fl(['reencrypt'], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FALLBACKS: `${KEY_B},short-one` } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SECRET_KEY_FALLBACKS[1] is too weak');
  });

  it('reads fallbacks from DELVE_SECRET_KEY_FALLBACKS_FILE, one per line', () => {
    const f = join(home, 'fallbacks');
    writeFileSync(f, `${KEY_B}\n\n# comment\n${KEY_A}x\n`, { mode: 0o600 });
    const r = fl(['check', '--json'], { home, env: { DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FALLBACKS_FILE: f } });
    const row = (JSON.parse(r.stdout) as { settings: { name: string; value: string; source: string }[] }).settings.find((s) => s.name === 'SECRET_KEY_FALLBACKS');
    expect(row).toEqual({ name: 'SECRET_KEY_FALLBACKS', value: '[********, ********]', source: 'env-file' });
  });

  it('refuses a key file readable by group or others, naming the chmod that fixes it', () => {
    const f = join(home, 'key');
    writeFileSync(f, KEY_A);
    chmodSync(f, 0o644);
    const r = fl(['check'], { home, env: { DELVE_SECRET_KEY_FILE: f } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_KEY_FILE_PERMISSIONS');
    expect(r.stderr).toContain(`chmod 600 ${f}`);
  });

  it('refuses a generated key file whose mode was loosened', () => {
    expect(fl(['reencrypt'], { home }).code).toBe(0);
    chmodSync(join(home, 'var', 'secret_key'), 0o640);
    const r = fl(['reencrypt'], { home });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('chmod 600');
  });
});
