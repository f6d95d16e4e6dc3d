import type { FastifyInstance, FastifyReply } from 'fastify';
import { isDelveError } from '../../../errors.js';
import { readCookie } from '../../auth/cookies.js';
import { checkCsrf } from '../../auth/csrf-origin.js';
import type { AuthServices } from '../../auth/services.js';
import { escapeHtml, page, safeNext } from '../../html/escape.js';
import { registerFormParser } from '../../plugins/form-body.js';
import { logIn, logOut } from './login.js';

function loginForm(next: string, message: string | null, username = ''): string {
  const msg = message ? `<p role="alert">${escapeHtml(message)}</p>\n` : '';
  return page('Log in', `<h1>Log in to Delve</h1>
${msg}<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required value="${escapeHtml(username)}" autofocus></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log in</button></p>
</form>`);
}

const html = (reply: FastifyReply, status: number, body: string): FastifyReply => reply.code(status).type('text/html; charset=utf-8').send(body);

/** Public: GET/POST /login (server-rendered, no script), POST /logout (session + CSRF form field), GET / (who am I). */
export function registerLoginPage(app: FastifyInstance, svc: AuthServices): void {
  registerFormParser(app);
  app.get<{ Querystring: { next?: string; expired?: string } }>('/login', async (req, reply) => {
    const note = req.query.expired ? 'Your session has expired; please log in again.' : null;
    return html(reply, 200, loginForm(safeNext(req.query.next), note));
  });

  app.post<{ Body: Record<string, string> }>('/login', async (req, reply) => {
    const body = req.body ?? {};
    const next = safeNext(body.next);
    try {
      await logIn(svc, req, reply, String(body.username ?? ''), String(body.password ?? ''), 'form');
      return reply.code(303).header('location', next).send();
    } catch (e) {
      if (!isDelveError(e)) throw e;
      const retry = e.details?.retryAfterSeconds;
      if (typeof retry === 'number') reply.header('retry-after', String(retry));
      return html(reply, e.status, loginForm(next, e.message, String(body.username ?? '')));
    }
  });

  app.post<{ Body: Record<string, string> }>('/logout', async (req, reply) => {
    const cookie = readCookie(req, svc.cookieName);
    const resolved = cookie ? await svc.sessions.resolve(cookie) : null;
    if (resolved) {
      checkCsrf(svc, req, resolved.session.id_hash, String(req.body?.csrf_token ?? ''));
      req.auth = { user: resolved.user, via: 'session', session: resolved.session };
      await logOut(svc, req, reply);
    }
    return reply.code(303).header('location', '/login').send();
  });

  app.get('/', async (req, reply) => {
    const cookie = readCookie(req, svc.cookieName);
    const resolved = cookie ? await svc.sessions.resolve(cookie) : null;
    if (!resolved) return reply.code(303).header('location', '/login?next=%2F').send();
    const csrf = svc.sessions.csrfToken(resolved.session.id_hash);
    return html(reply, 200, page('Delve', `<h1>Delve</h1>
<p>Signed in as <strong>${escapeHtml(resolved.user.username)}</strong>.</p>
<form method="post" action="/logout"><input type="hidden" name="csrf_token" value="${escapeHtml(csrf)}"><button type="submit">Log out</button></form>`));
  });
}
