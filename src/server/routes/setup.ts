import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_GROUP } from '../../auth/permissions.js';
import { validateEmail, validateUsername, type User } from '../../auth/users.js';
import { DelveError, isDelveError } from '../../errors.js';
import type { Keyring } from '../../security/keys/index.js';
import { assertValidPassword, hashPassword } from '../../security/passwords/index.js';
import { signObject, unsignObject } from '../../security/signing/index.js';
import type { Store } from '../../storage/index.js';
import { readCookie, setSessionCookie } from '../auth/cookies.js';
import { checkSameOrigin } from '../auth/csrf-origin.js';
import { publicUser } from '../auth/guards.js';
import type { AuthServices } from '../auth/services.js';

/**
 * First-run setup (no users yet): `./fl serve` prints a one-hour link `<base>/setup#token=<T>`; the page posts the
 * token with the first administrator's details. The token sits in the URL fragment, so it never reaches a server or
 * proxy access log. It is signed with SECRET_KEY for its own purpose and carries a random nonce; a used nonce is
 * recorded in the audit chain (target `setup-link:<sha256>`) in the same transaction that creates the user.
 */
export const SETUP_PURPOSE = 'delve.setup';
export const SETUP_MAX_AGE_SECONDS = 3600;
const SETUP_ACTION = 'auth.setup';
const INVALID = 'This setup link is invalid, expired or already used: restart ./fl serve to print a new one.';

interface SetupPayload { n: string }

/** A fresh setup token (random nonce, signed now). */
export function createSetupToken(keyring: Keyring, opts: { now?: number } = {}): string {
  const payload: SetupPayload = { n: randomBytes(18).toString('base64url') };
  return signObject(keyring, SETUP_PURPOSE, payload, opts);
}

/** The link to print: `<base>/setup#token=<token>` (base without a trailing slash). */
export function setupLink(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/setup#token=${token}`;
}

/** The line `./fl serve` prints when the users table is empty. */
export function setupMessage(base: string, token: string): string {
  return `Delve has no users yet. Open this link within 1 hour to create the first administrator: ${setupLink(base, token)}`;
}

export function usersExist(store: Store): boolean {
  return store.sqlite.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined;
}

/** The audit target recording a used nonce (its hash: the nonce itself never leaves the link). */
function nonceTarget(nonce: string): string {
  return `setup-link:${createHash('sha256').update(nonce, 'utf8').digest('hex')}`;
}

/**
 * Verifies a setup token (current key or a fallback; a removed key's tokens fail) and returns the audit target of its
 * nonce. @throws DelveError DLV_SETUP_TOKEN_INVALID (field `token`) for anything wrong, with one message.
 */
export function checkSetupToken(keyring: Keyring, token: unknown, opts: { now?: number } = {}): string {
  try {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) throw new DelveError('DLV_SETUP_TOKEN_INVALID', INVALID, { field: 'token' });
    const p = unsignObject<Partial<SetupPayload> | null>(keyring, SETUP_PURPOSE, token, { maxAgeSeconds: SETUP_MAX_AGE_SECONDS, now: opts.now }).value;
    if (!p || typeof p !== 'object' || typeof p.n !== 'string' || p.n.length < 16 || p.n.length > 64) throw new DelveError('DLV_SETUP_TOKEN_INVALID', INVALID, { field: 'token' });
    return nonceTarget(p.n);
  } catch (e) {
    if (isDelveError(e)) throw new DelveError('DLV_SETUP_TOKEN_INVALID', INVALID, { field: 'token' });
    throw e;
  }
}

interface NewAdmin { username: string; email: string; passwordHash: string }

/**
 * Creates the first superuser in one IMMEDIATE transaction: refuses when any user exists or the nonce was used, inserts
 * the user (and the default group membership, like createUser), and appends the `auth.setup` audit row that marks the
 * nonce used. Synchronous, so concurrent requests in this process cannot interleave; other processes wait on
 * SQLite's write lock. If the audit row cannot be written nothing is created.
 */
function createFirstAdmin(svc: AuthServices, input: NewAdmin, target: string, req: FastifyRequest): User {
  const db = svc.store.sqlite;
  const now = Date.now();
  const user: User = {
    id: randomUUID(), username: input.username, email: input.email, first_name: '', last_name: '', password: input.passwordHash,
    is_active: 1, is_superuser: 1, is_staff: 1, date_joined: now, last_login: null, password_changed_at: now,
  };
  const run = db.transaction(() => {
    if (db.prepare('SELECT 1 FROM users LIMIT 1').get() !== undefined) throw new DelveError('DLV_SETUP_DONE', 'Setup is already done: users exist. Log in instead.');
    if (db.prepare('SELECT 1 FROM audit_log WHERE action = ? AND target = ? LIMIT 1').get(SETUP_ACTION, target) !== undefined) {
      throw new DelveError('DLV_SETUP_TOKEN_INVALID', INVALID, { field: 'token' });
    }
    db.prepare(`INSERT INTO users (id, username, email, first_name, last_name, password, is_active, is_superuser, is_staff, date_joined,
      last_login, password_changed_at) VALUES (@id, @username, @email, @first_name, @last_name, @password, @is_active, @is_superuser,
      @is_staff, @date_joined, @last_login, @password_changed_at)`).run(user);
    const group = db.prepare<[string], { id: string }>('SELECT id FROM groups WHERE name = ?').get(DEFAULT_GROUP.name);
    if (group) db.prepare('INSERT INTO user_groups (user_id, group_id) VALUES (?, ?)').run(user.id, group.id);
    svc.audit.record({ action: SETUP_ACTION, outcome: 'success', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, target, details: { username: user.username, superuser: true } });
  });
  run.immediate();
  return user;
}

/** Starts a session for the new administrator exactly as a login does (old session destroyed, fresh id, cookie). */
async function startSession(svc: AuthServices, req: FastifyRequest, reply: FastifyReply, user: User): Promise<{ user: User; csrfToken: string }> {
  const fresh = { ...user, last_login: Date.now() };
  svc.store.sqlite.prepare('UPDATE users SET last_login = ? WHERE id = ?').run(fresh.last_login, user.id);
  const previous = readCookie(req, svc.cookieName);
  if (previous) await svc.sessions.destroy(previous);
  const created = await svc.sessions.create(fresh, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
  setSessionCookie(reply, svc, created.cookieValue);
  svc.record({ action: 'auth.login', outcome: 'success', actor: user.username, actorId: user.id, ip: req.ip, requestId: req.id, details: { via: 'setup', session: created.publicId, rehashed: false } });
  return { user: fresh, csrfToken: created.csrfToken };
}

interface SetupBody { token: string; username: string; email?: string; password: string }

const BODY = {
  type: 'object',
  required: ['token', 'username', 'password'],
  properties: {
    token: { type: 'string', maxLength: 1024 },
    username: { type: 'string', maxLength: 150 },
    email: { type: 'string', maxLength: 254 },
    password: { type: 'string', maxLength: 4096 },
  },
} as const;

/** Public: GET /api/setup/ (is setup needed?) and POST /api/setup/ (create the first administrator and log in). */
export function registerSetupRoutes(app: FastifyInstance, svc: AuthServices): void {
  app.get('/api/setup/', async () => ({ needed: !usersExist(svc.store) }));

  app.post<{ Body: SetupBody }>('/api/setup/', { bodyLimit: 16 * 1024, schema: { body: BODY } }, async (req, reply) => {
    checkSameOrigin(req);
    if (usersExist(svc.store)) throw new DelveError('DLV_SETUP_DONE', 'Setup is already done: users exist. Log in instead.');
    let target: string;
    try {
      target = checkSetupToken(svc.keyring, req.body.token);
    } catch (e) {
      svc.record({ action: SETUP_ACTION, outcome: 'failure', ip: req.ip, requestId: req.id, details: { reason: 'invalid, expired or forged setup token' } });
      throw e;
    }
    const username = req.body.username.trim();
    const email = (req.body.email ?? '').trim();
    validateUsername(username);
    validateEmail(email);
    assertValidPassword(req.body.password, { minLength: svc.settings.PASSWORD_MIN_LENGTH, username, email });
    const passwordHash = await hashPassword(req.body.password);
    let user: User;
    try {
      user = createFirstAdmin(svc, { username, email, passwordHash }, target, req);
    } catch (e) {
      if (isDelveError(e)) svc.record({ action: SETUP_ACTION, outcome: 'failure', actor: username, ip: req.ip, requestId: req.id, details: { reason: e.code } });
      throw e;
    }
    const session = await startSession(svc, req, reply, user);
    return reply.code(201).send({ user: publicUser(session.user), csrf_token: session.csrfToken });
  });
}
