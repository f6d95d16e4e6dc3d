/**
 * `send_email TO SUBJECT MESSAGE…` (reference §6.6; registered here, unlike the original). When the input is non-empty,
 * sends ONE plain-text message (the MESSAGE words joined by spaces) to TO (comma-separated addresses) from
 * DEFAULT_FROM_EMAIL through the EMAIL_* SMTP settings; the input passes through unchanged. Superusers only: the
 * command sends mail as the server, so it is not part of any default group (there is no send_email permission).
 */
import { DelveError } from '../../../errors.js';
import { defineCommand } from '../../args/index.js';
import type { ExecContext, PipelineValue } from '../../runtime/types.js';
import type { CommandDef } from '../command.js';
import { sendMail } from './smtp.js';

const spec = defineCommand({
  name: 'send_email',
  description: 'E-mail MESSAGE to TO when the input is not empty (superusers only); the input passes through.',
  args: [
    { name: 'to', metavar: 'TO', help: 'recipient address(es), comma-separated' },
    { name: 'subject', metavar: 'SUBJECT', help: 'subject line' },
    { name: 'message', metavar: 'MESSAGE', nargs: '+', help: 'message text (words are joined by spaces)' },
  ],
});

/** Test hook: extra CA for the SMTP server's certificate. */
export const emailHooks: { ca?: string | Buffer } = {};

const isEmpty = (v: PipelineValue): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

async function runSendEmail(ctx: ExecContext, input: PipelineValue, args: Record<string, unknown>): Promise<PipelineValue> {
  if (ctx.user.is_superuser !== 1) throw new DelveError('DLV_AUTH_FORBIDDEN', 'send_email is only available to superusers.');
  const svc = ctx.services;
  if (!svc) throw new DelveError('DLV_INTERNAL', 'send_email needs server services.');
  if (isEmpty(input)) return input;
  const s = svc.settings;
  const to = String(args['to']).split(',').map((x) => x.trim()).filter((x) => x !== '');
  await sendMail({
    host: s.EMAIL_HOST, port: s.EMAIL_PORT, secure: s.EMAIL_USE_SSL, startTls: s.EMAIL_USE_TLS,
    user: s.EMAIL_HOST_USER || undefined, password: s.EMAIL_HOST_PASSWORD ?? undefined, timeoutMs: 30_000, ca: emailHooks.ca,
  }, { from: s.DEFAULT_FROM_EMAIL, to, subject: String(args['subject']), text: (args['message'] as string[]).join(' ') });
  return input;
}

export const sendEmail: CommandDef = { kind: 'generic', spec, run: runSendEmail };
