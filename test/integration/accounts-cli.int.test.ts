import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fl, rmHome, tempHome } from '../helpers/fl.js';

let home: string;
beforeEach(() => { home = tempHome(); });
afterEach(() => { rmHome(home); });

const PW = 'Tr0ub4dor&3-horse';
const dbRows = (sql: string): unknown[] => {
  const db = new Database(join(home, 'var', 'db.sqlite3'), { readonly: true });
  try { return db.prepare(sql).all(); } finally { db.close(); }
};

describe('fl createsuperuser', () => {
  it('--no-input with DELVE_SUPERUSER_PASSWORD creates an argon2id (PHC, OWASP params) superuser in the Users group', () => {
    const r = fl(['createsuperuser', '--username', 'admin', '--email', 'admin@example.com', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: PW } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Superuser "admin" created');
    const [u] = dbRows('SELECT username, email, is_superuser, password FROM users') as { password: string }[];
    expect(u).toMatchObject({ username: 'admin', email: 'admin@example.com', is_superuser: 1 });
    expect(u?.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(u?.password).not.toContain(PW);
    expect(dbRows("SELECT g.name FROM user_groups ug JOIN groups g ON g.id = ug.group_id")).toEqual([{ name: 'Users' }]);
  });

  it('reads the password from DELVE_SUPERUSER_PASSWORD_FILE (which must be 0600)', () => {
    const f = join(home, 'pw');
    writeFileSync(f, `${PW}\n`, { mode: 0o600 });
    expect(fl(['createsuperuser', '--username', 'root', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD_FILE: f } }).code).toBe(0);
    writeFileSync(join(home, 'pw2'), PW, { mode: 0o644 });
    const bad = fl(['createsuperuser', '--username', 'root2', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD_FILE: join(home, 'pw2') } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('chmod 600');
  });

  it('--no-input without a password or username is a usage error', () => {
    expect(fl(['createsuperuser', '--username', 'x', '--no-input'], { home }).stderr).toContain('DELVE_SUPERUSER_PASSWORD');
    expect(fl(['createsuperuser', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: PW } }).code).toBe(2);
  });

  it('refuses weak passwords with messages that say what to fix', () => {
    const cases: [string, RegExp][] = [
      ['short', /at least 8 characters/],
      ['12345678901', /entirely numeric/],
      ['password123', /too common/],
      ['admin-user-1', /too similar to your username/],
    ];
    for (const [pw, msg] of cases) {
      const r = fl(['createsuperuser', '--username', 'admin-user', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: pw } });
      expect(r.code, pw).toBe(1);
      expect(r.stderr, pw).toMatch(msg);
      expect(r.stderr).toContain('DLV_PASSWORD_INVALID');
    }
  });

  it('interactive: asks for username, email and the password twice; retries on mismatch', () => {
    const input = `alice\nalice@example.com\n${PW}\nsomething-else\n${PW}\n${PW}\n`;
    const r = fl(['createsuperuser'], { home, input });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("the two passwords didn't match");
    expect(dbRows('SELECT username, email FROM users')).toEqual([{ username: 'alice', email: 'alice@example.com' }]);
  });

  it('refuses a duplicate username', () => {
    fl(['createsuperuser', '--username', 'bob', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: PW } });
    const r = fl(['createsuperuser', '--username', 'BOB', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: PW } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_USER_EXISTS');
  });
});

describe('fl changepassword', () => {
  it('changes the hash and ends every session of the user', () => {
    fl(['createsuperuser', '--username', 'carol', '--no-input'], { home, env: { DELVE_SUPERUSER_PASSWORD: PW } });
    const db = new Database(join(home, 'var', 'db.sqlite3'));
    const { id, password } = db.prepare("SELECT id, password FROM users WHERE username = 'carol'").get() as { id: string; password: string };
    db.prepare("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, password_hmac) VALUES ('h1', ?, 1, 1, 9e15, 'x')").run(id);
    db.close();
    const r = fl(['changepassword', 'carol'], { home, input: 'N3w-secret-phrase!\nN3w-secret-phrase!\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sessions were ended');
    const [after] = dbRows("SELECT password FROM users WHERE username = 'carol'") as { password: string }[];
    expect(after?.password).not.toBe(password);
    expect(dbRows('SELECT * FROM sessions')).toEqual([]);
  });

  it('unknown user → DLV_USER_NOT_FOUND', () => {
    const r = fl(['changepassword', 'nobody', '--no-input'], { home, env: { DELVE_NEW_PASSWORD: PW } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_USER_NOT_FOUND');
  });
});

describe('fl migrate / showmigrations', () => {
  it('lists pending then applied migrations; the database is 0600', () => {
    const before = fl(['showmigrations'], { home });
    expect(before.stdout).toMatch(/^\[ \] 0001-initial$/m);
    expect(fl(['migrate'], { home }).stdout).toMatch(/Applied 0001-initial/);
    expect(fl(['migrate'], { home }).stdout).toContain('No migrations to apply.');
    expect(fl(['showmigrations'], { home }).stdout).toMatch(/^\[X\] 0001-initial/m);
  });

  it('builds the field indexes of DELVE_INDEXED_FIELDS with progress, drops them when removed, refuses a bad path', () => {
    const built = fl(['migrate'], { home, env: { DELVE_INDEXED_FIELDS: 'status,user__name' } });
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/Building the field index for extracted_fields__status over 0 events…\nBuilt the field index for extracted_fields__status in \d+\.\d s\./);
    const names = () => (dbRows(`SELECT name FROM sqlite_master WHERE name LIKE 'events_xf_%' ORDER BY name`) as Array<{ name: string }>).map((r) => r.name);
    expect(names()).toEqual(['events_xf_status', 'events_xf_user__name']);
    const dropped = fl(['migrate'], { home, env: { DELVE_INDEXED_FIELDS: 'user__name' } });
    expect(dropped.stdout).toContain('Dropped the field index for extracted_fields__status (no longer in DELVE_INDEXED_FIELDS).');
    expect(names()).toEqual(['events_xf_user__name']);
    const bad = fl(['migrate'], { home, env: { DELVE_INDEXED_FIELDS: "user__name,x'); DROP TABLE events; --" } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DLV_CONFIG_INVALID');
    expect(bad.stderr).toContain('DELVE_INDEXED_FIELDS');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(names()).toEqual(['events_xf_user__name']);
    expect(dbRows('SELECT count(*) AS n FROM events')).toEqual([{ n: 0 }]);
  });

  it('with DELVE_DATABASE_ENCRYPTION_KEY, a wrong key later gives a clear error', () => {
    expect(fl(['migrate'], { home, env: { DELVE_DATABASE_ENCRYPTION_KEY: 'right-key-123' } }).code).toBe(0);
    const r = fl(['showmigrations'], { home, env: { DELVE_DATABASE_ENCRYPTION_KEY: 'wrong-key-456' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DLV_DB_ENCRYPTION_KEY');
    expect(r.stderr).not.toContain('wrong-key-456');
    const none = fl(['showmigrations'], { home });
    expect(none.stderr).toMatch(/encrypted.*DELVE_DATABASE_ENCRYPTION_KEY/);
  });
});
