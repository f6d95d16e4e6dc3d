import type { FastifyInstance } from 'fastify';
import { isCommonPassword, validatePassword } from '../../security/passwords/index.js';
import { passwordLength } from '../../security/passwords/limits.js';
import type { AuthServices } from '../auth/services.js';

export type PasswordRuleId = 'min_length' | 'not_numeric' | 'not_common' | 'not_similar';
export interface PasswordRuleResult { id: PasswordRuleId; label: string; ok: boolean }

const ALL_DIGITS = /^\p{Nd}+$/u;

/**
 * The password rules one by one, for a live checklist. Every verdict comes from the real validators
 * (src/security/passwords): `ok` is exactly "validatePassword finds nothing", and `not_similar` is the difference
 * between validating with and without the user's attributes, so the checklist cannot drift from what is enforced.
 */
export function checkPasswordRules(password: string, opts: { minLength: number; username?: string; email?: string }): { ok: boolean; rules: PasswordRuleResult[]; messages: string[] } {
  const messages = validatePassword(password, { minLength: opts.minLength, username: opts.username, email: opts.email });
  const withoutAttributes = validatePassword(password, { minLength: opts.minLength }).length;
  const rules: PasswordRuleResult[] = [
    { id: 'min_length', label: `At least ${opts.minLength} character${opts.minLength === 1 ? '' : 's'}`, ok: passwordLength(password) >= opts.minLength },
    { id: 'not_numeric', label: 'Not entirely numeric', ok: password.length > 0 && !ALL_DIGITS.test(password) },
    { id: 'not_common', label: 'Not a commonly used password', ok: password.length > 0 && !isCommonPassword(password) },
    { id: 'not_similar', label: 'Not too similar to your username or email', ok: messages.length <= withoutAttributes },
  ];
  return { ok: messages.length === 0, rules, messages };
}

interface Body { password: string; username?: string; email?: string }

/** Public: POST /api/auth/password-check → `{ok, rules: [{id, label, ok}], messages}` (nothing is stored or logged). */
export function registerPasswordCheck(app: FastifyInstance, svc: AuthServices): void {
  app.post<{ Body: Body }>('/api/auth/password-check', {
    bodyLimit: 4096,
    schema: { body: { type: 'object', required: ['password'], properties: {
      password: { type: 'string', maxLength: 4096 }, username: { type: 'string', maxLength: 150 }, email: { type: 'string', maxLength: 254 },
    } } },
  }, async (req) => {
    const { ok, rules, messages } = checkPasswordRules(req.body.password, { minLength: svc.settings.PASSWORD_MIN_LENGTH, username: req.body.username, email: req.body.email });
    return { ok, rules, messages };
  });
}
