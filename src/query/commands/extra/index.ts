/**
 * Commands that reach outside the pipeline (reference §6.1, §6.6): read_file, request, sql_query, run_query,
 * send_email and make_events.
 */
import type { CommandDef } from '../command.js';
import { makeEvents } from './make-events.js';
import { readFileCommand } from './read-file.js';
import { request } from './request.js';
import { runQuery } from './run-query.js';
import { sendEmail } from './send-email.js';
import { sqlQuery } from './sql-query.js';

export { makeEvents, readFileCommand, request, runQuery, sendEmail, sqlQuery };
export { requestHooks, REQUEST_INDEX } from './request.js';
export { emailHooks } from './send-email.js';
export { sendMail, formatMessage, type SmtpOptions, type MailMessage } from './smtp.js';
export { safeRequest, isAllowedHost, type SafeRequestOptions, type SafeResponse, type Resolver } from './safe-http.js';
export { isPublicAddress } from './ip-policy.js';
export { toJsonSafe } from './json-safe.js';
export type { EventRecord } from './event-record.js';

export const EXTRA_COMMANDS: CommandDef[] = [readFileCommand, request, sqlQuery, runQuery, sendEmail, makeEvents];
