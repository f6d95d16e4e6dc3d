import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkResetLink, consumeResetLink } from '../../auth/reset-links.js';
import type { User } from '../../auth/users.js';
import { DelveError, isDelveError } from '../../errors.js';
import { checkSameOrigin } from '../auth/csrf-origin.js';
import type { AuthServices } from '../auth/services.js';
import { escapeHtml, page } from '../html/escape.js';
import { registerFormParser } from '../plugins/form-body.js';

const TOKEN_PARAMS = { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 512 } } } as const;

function resetForm(user: User, message: string | null): string {
  const msg = message ? `<p role="alert">${escapeHtml(message)}</p>\n` : '';
  return page('Choose a new password', `<h1>Choose a new password</h1>
<p>Account: <strong>${escapeHtml(user.username)}</strong></p>
${msg}<form method="post">
<input type="hidden" name="username" autocomplete="username" value="${escapeHtml(user.username)}">
<p><label for="new_password">New password</label><br><input id="new_password" name="new_password" type="password" autocomplete="new-password" required autofocus></p>
<p><label for="confirm_password">New password (again)</label><br><input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" required></p>
<p><button type="submit">Set password</button></p>
</form>`);
}

const notice = (title: string, text: string, link = true): string =>
  page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>${link ? '\n<p><a href="/login">Log in</a></p>' : ''}`);

/** The token is a credential: never cached (the global Referrer-Policy: same-origin keeps it from other sites). */
function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function audit(svc: AuthServices, req: FastifyRequest, via: string, user: User | null, e?: DelveError): void {
  svc.record({
    action: 'auth.password_reset', outcome: e ? 'failure' : 'success', actor: user?.username ?? null, actorId: user?.id ?? null,
    ip: req.ip, requestId: req.id, target: user?.username ?? null, details: e ? { via, reason: e.code } : { via, all_logins_ended: true },
  });
}

/**
 * Public password-reset routes (no authentication; the signed single-use link is the credential):
 * GET/POST /reset/:token (server-rendered form, no script; same-origin check on POST) and
 * POST /api/auth/reset {token, new_password} (JSON). Both audit `auth.password_reset`.
 */
export async function registerResetRoutes(app: FastifyInstance, svc: AuthServices): Promise<void> {
  await app.register(async (forms) => {
    registerFormParser(forms);
    forms.get<{ Params: { token: string } }>('/reset/:token', { schema: { params: TOKEN_PARAMS } }, async (req, reply) => {
      try {
        return html(reply, 200, resetForm(await checkResetLink(svc, req.params.token), null));
      } catch (e) {
        if (!isDelveError(e)) throw e;
        return html(reply, e.status, notice('Link not valid', e.message, false));
      }
    });

    forms.post<{ Params: { token: string }; Body: Record<string, string> }>('/reset/:token', { schema: { params: TOKEN_PARAMS } }, async (req, reply) => {
      checkSameOrigin(req);
      const body = req.body ?? {};
      let user: User;
      try {
        user = await checkResetLink(svc, req.params.token);
      } catch (e) {
        if (!isDelveError(e)) throw e;
        audit(svc, req, 'form', null, e);
        return html(reply, e.status, notice('Link not valid', e.message, false));
      }
      const pw = typeof body.new_password === 'string' ? body.new_password : '';
      if (pw !== body.confirm_password) return html(reply, 400, resetForm(user, 'The two passwords differ: type the same password twice.'));
      try {
        await consumeResetLink(svc, req.params.token, pw);
      } catch (e) {
        if (!isDelveError(e)) throw e;
        audit(svc, req, 'form', user, e);
        if (e.code === 'DLV_PASSWORD_INVALID') return html(reply, 400, resetForm(user, e.message));
        return html(reply, e.status, notice('Link not valid', e.message, false));
      }
      audit(svc, req, 'form', user);
      return html(reply, 200, notice('Password changed', 'Your password was changed and every session of this account was ended. Log in with the new password.'));
    });
  });

  app.post<{ Body: { token: string; new_password: string } }>('/api/auth/reset', {
    schema: { body: { type: 'object', required: ['token', 'new_password'], additionalProperties: false, properties: { token: { type: 'string', maxLength: 2048 }, new_password: { type: 'string', maxLength: 4096 } } } },
  }, async (req, reply) => {
    let user: User | null = null;
    try {
      user = await checkResetLink(svc, req.body.token);
      await consumeResetLink(svc, req.body.token, req.body.new_password);
    } catch (e) {
      if (isDelveError(e)) audit(svc, req, 'api', user, e);
      throw e;
    }
    audit(svc, req, 'api', user);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}
