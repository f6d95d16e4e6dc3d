import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fl, KEY_A, KEY_B, rmHome, tempHome } from '../helpers/fl.js';

let home: string;
beforeEach(() => { home = tempHome(); });
afterEach(() => { rmHome(home); });

interface F { code: string; severity: string; message: string; fix: string }
const findings = (env: Record<string, string> = {}): { code: number; list: F[] } => {
  const r = fl(['check', '--deploy', '--json'], { home, env });
  return { code: r.code, list: JSON.parse(r.stdout) as F[] };
};
const codes = (l: F[]): string[] => l.map((f) => `${f.code}:${f.severity}`);

describe('fl check --deploy', () => {
  it('a sound configuration has no error findings and exits 0; lines are CODE severity message — fix', () => {
    const { code, list } = findings({ DELVE_SECRET_KEY: KEY_A });
    expect(code).toBe(0);
    expect(codes(list)).toContain('DLV_CHECK_KEY_OK:info');
    expect(codes(list)).toContain('DLV_CHECK_TLS_OFF:warning');
    expect(codes(list)).toContain('DLV_CHECK_DB_UNENCRYPTED:info');
    const text = fl(['check', '--deploy'], { home, env: { DELVE_SECRET_KEY: KEY_A } }).stdout;
    expect(text).toMatch(/^DLV_CHECK_TLS_OFF warning .+ — fix: .+$/m);
  });

  it('DEBUG with a weak key: both are errors and the exit status is 1', () => {
    const { code, list } = findings({ DELVE_SECRET_KEY: 'weak', DELVE_DEBUG: 'true' });
    expect(code).toBe(1);
    expect(codes(list)).toEqual(expect.arrayContaining(['DLV_CHECK_DEBUG:error', 'DLV_CHECK_KEY_WEAK:error']));
  });

  it('weak fallback, rotation info and key source', () => {
    const { list } = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FALLBACKS: `${KEY_B},weak` });
    expect(codes(list)).toEqual(expect.arrayContaining(['DLV_CHECK_FALLBACK_WEAK:error', 'DLV_CHECK_KEY_ROTATION:info']));
    expect(JSON.stringify(list)).not.toContain(KEY_A);
  });

  it('a generated key is a warning; a world-readable key file and database are errors', () => {
    expect(fl(['migrate'], { home }).code).toBe(0);
    fl(['reencrypt'], { home });
    expect(codes(findings().list)).toContain('DLV_CHECK_KEY_GENERATED:warning');
    chmodSync(join(home, 'var', 'db.sqlite3'), 0o644);
    const kf = join(home, 'key');
    writeFileSync(kf, KEY_A, { mode: 0o600 });
    const r = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FILE: kf });
    chmodSync(kf, 0o644);
    const r2 = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SECRET_KEY_FILE: kf });
    expect(codes(r.list)).toContain('DLV_CHECK_DB_FILE_MODE:error');
    expect(codes(r2.list)).toContain('DLV_CHECK_KEY_FILE_MODE:error');
    expect(r2.code).toBe(1);
  });

  it('a key file tracked by git is an error', () => {
    execFileSync('git', ['init', '-q'], { cwd: home });
    const kf = join(home, 'secret.key');
    writeFileSync(kf, KEY_A, { mode: 0o600 });
    execFileSync('git', ['add', '-f', 'secret.key'], { cwd: home });
    const { code, list } = findings({ DELVE_SECRET_KEY_FILE: kf });
    expect(code).toBe(1);
    expect(codes(list)).toContain('DLV_CHECK_KEY_IN_GIT:error');
  });

  it('TLS off on a non-loopback bind is an error', () => {
    const { code, list } = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SERVER_HOST: '0.0.0.0' });
    expect(code).toBe(1);
    expect(codes(list)).toContain('DLV_CHECK_TLS_OFF:error');
  });
});

describe('fl check --deploy: TLS findings', () => {
  it('warns about a certificate expiring within 30 days, a world-readable key, weak min version and HSTS off', async () => {
    const { makeCa, makeCert, makeTempDir, removeTempDir } = await import('../helpers/certs.js');
    const dir = makeTempDir();
    try {
      const ca = makeCa(dir, 'ca');
      const soon = makeCert(dir, { ca, cn: 'localhost', days: 10 });
      chmodSync(soon.key, 0o644);
      const { code, list } = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SSL_PRIVATE_KEY: soon.key, DELVE_SSL_CERTIFICATE: soon.cert, DELVE_SSL_MIN_VERSION: 'TLSv1.1', DELVE_SECURE_HSTS_SECONDS: '0' });
      expect(code).toBe(1);
      expect(codes(list)).toEqual(expect.arrayContaining(['DLV_CHECK_TLS_EXPIRING:warning', 'DLV_CHECK_TLS_KEY_PERMISSIONS:error', 'DLV_CHECK_TLS_MIN_VERSION:error', 'DLV_CHECK_HSTS_OFF:warning']));
      expect(codes(list)).not.toContain('DLV_CHECK_TLS_OFF:warning');
    } finally {
      removeTempDir(dir);
    }
  });

  it('reports TLS settings the server would refuse as an error', () => {
    const { code, list } = findings({ DELVE_SECRET_KEY: KEY_A, DELVE_SSL_PRIVATE_KEY: '/nonexistent.pem' });
    expect(code).toBe(1);
    expect(codes(list)).toContain('DLV_CHECK_TLS_INVALID:error');
  });
});
