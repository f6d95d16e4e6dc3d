/**
 * A minimal SMTP client (RFC 5321) for send_email: EHLO, STARTTLS (RFC 3207), AUTH PLAIN (RFC 4616), MAIL/RCPT/DATA
 * with dot-stuffing, QUIT. Certificates are always verified. AUTH is refused on an unencrypted connection (the
 * password would cross the network in clear) unless the server is on the loopback interface. Every reply must
 * arrive within `timeoutMs`. Headers are built here; CR/LF in addresses or the subject is refused (no header
 * injection). The password never appears in errors.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect } from 'node:tls';
import { DelveError } from '../../../errors.js';

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (EMAIL_USE_SSL, usually port 465). */
  secure: boolean;
  /** Upgrade with STARTTLS (EMAIL_USE_TLS, usually port 587). */
  startTls: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
  /** Extra CA certificates to trust (tests). */
  ca?: string | Buffer;
}
export interface MailMessage { from: string; to: string[]; subject: string; text: string }

const ADDRESS = /^[^\s<>()[\]\\,;:@"]+@[^\s<>()[\]\\,;:@"]+$/;
const fail = (msg: string) => new DelveError('DLV_EMAIL_FAILED', msg);

/** Checks an e-mail address (no display names, no CR/LF, no angle brackets). */
export function validAddress(a: string, field: string): string {
  if (!ADDRESS.test(a) || a.length > 254) throw new DelveError('DLV_QUERY_ARGUMENT', `"${a.slice(0, 100)}" is not a valid e-mail address.`, { field });
  return a;
}

function encodeHeader(s: string): string {
  if (/[\r\n]/.test(s)) throw new DelveError('DLV_QUERY_ARGUMENT', 'The subject must be one line.', { field: 'subject' });
  return /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
}

/** The message as sent after DATA: CRLF line endings, dot-stuffed, ending with `<CRLF>.<CRLF>`. */
export function formatMessage(m: MailMessage, date = new Date(), domain = 'localhost'): string {
  const body = m.text.replace(/\r\n|\r|\n/g, '\n').split('\n');
  const ascii = /^[\x00-\x7f]*$/.test(m.text) && body.every((l) => l.length <= 998);
  const bodyLines = ascii ? body : (Buffer.from(body.join('\r\n'), 'utf8').toString('base64').match(/.{1,76}/g) ?? []);
  const headers = [
    `From: ${m.from}`, `To: ${m.to.join(', ')}`, `Subject: ${encodeHeader(m.subject)}`, `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
    `Content-Transfer-Encoding: ${ascii ? '7bit' : 'base64'}`,
  ];
  const lines = [...headers, '', ...bodyLines].map((l) => (l.startsWith('.') ? `.${l}` : l));
  return `${lines.join('\r\n')}\r\n.\r\n`;
}

/** Reads SMTP replies (possibly multi-line) from a socket. */
class ReplyReader {
  private buf = '';
  private lines: string[] = [];
  private waiter: (() => void) | undefined;
  private error: Error | undefined;
  constructor(private socket: Socket, private timeoutMs: number) { this.attach(socket); }

  attach(socket: Socket): void {
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      this.buf += d;
      if (this.buf.length > 65536) this.error = fail('The SMTP server sent an over-long reply.');
      let i;
      while ((i = this.buf.indexOf('\n')) >= 0) {
        this.lines.push(this.buf.slice(0, i).replace(/\r$/, ''));
        this.buf = this.buf.slice(i + 1);
      }
      this.waiter?.();
    });
    socket.on('error', (e) => { this.error ??= fail(`SMTP connection error (${(e as { code?: string }).code ?? e.message}).`); this.waiter?.(); });
    socket.on('close', () => { this.error ??= fail('The SMTP server closed the connection.'); this.waiter?.(); });
  }

  /** The next complete reply: code and text lines. */
  async next(): Promise<{ code: number; lines: string[] }> {
    const out: string[] = [];
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      while (this.lines.length) {
        const l = this.lines.shift()!;
        out.push(l.slice(4));
        if (!/^\d{3}[ -]/.test(l) && !/^\d{3}$/.test(l)) throw fail('The SMTP server sent a malformed reply.');
        if (l[3] !== '-') return { code: Number(l.slice(0, 3)), lines: out };
      }
      if (this.error) throw this.error;
      const left = deadline - Date.now();
      if (left <= 0) throw fail(`The SMTP server did not answer within ${this.timeoutMs / 1000} s.`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiter = () => { clearTimeout(t); this.waiter = undefined; r(); };
      });
    }
  }
}

function open(o: SmtpOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const servername = isIP(o.host) ? undefined : o.host;
    const s: Socket = o.secure ? tlsConnect({ host: o.host, port: o.port, servername, ca: o.ca, rejectUnauthorized: true }) : netConnect({ host: o.host, port: o.port });
    const timer = setTimeout(() => { s.destroy(); reject(fail(`Cannot connect to the SMTP server ${o.host}:${o.port} within ${o.timeoutMs / 1000} s.`)); }, o.timeoutMs);
    s.once(o.secure ? 'secureConnect' : 'connect', () => { clearTimeout(timer); resolve(s); });
    s.once('error', (e) => { clearTimeout(timer); reject(fail(`Cannot connect to the SMTP server ${o.host}:${o.port} (${(e as { code?: string }).code ?? 'error'}).`)); });
  });
}

const isLoopback = (h: string) => h === 'localhost' || /^127\./.test(h) || h === '::1';

/** Sends one message (see the module doc). Resolves once the server accepted it (250 after DATA). */
export async function sendMail(o: SmtpOptions, m: MailMessage): Promise<void> {
  validAddress(m.from, 'from');
  if (m.to.length === 0) throw new DelveError('DLV_QUERY_ARGUMENT', 'At least one recipient is needed.', { field: 'to' });
  m.to.forEach((t) => validAddress(t, 'to'));
  let socket = await open(o);
  const reader = new ReplyReader(socket, o.timeoutMs);
  let encrypted = o.secure;
  const ehloName = (hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'localhost');
  const cmd = async (line: string, ok: number[], what = line.split(' ')[0]): Promise<{ code: number; lines: string[] }> => {
    socket.write(`${line}\r\n`);
    const r = await reader.next();
    if (!ok.includes(r.code)) throw fail(`The SMTP server refused ${what}: ${r.code} ${(r.lines.at(-1) ?? '').slice(0, 200)}`);
    return r;
  };
  try {
    const greet = await reader.next();
    if (greet.code !== 220) throw fail(`The SMTP server greeted with ${greet.code}.`);
    let ehlo = await cmd(`EHLO ${ehloName}`, [250]);
    if (o.startTls && !o.secure) {
      if (!ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) throw fail('The SMTP server does not offer STARTTLS (EMAIL_USE_TLS is on).');
      await cmd('STARTTLS', [220]);
      socket.removeAllListeners('data');
      socket = await new Promise<Socket>((resolve, reject) => {
        const t = tlsConnect({ socket, servername: isIP(o.host) ? undefined : o.host, ca: o.ca, rejectUnauthorized: true }, () => resolve(t));
        t.once('error', (e) => reject(fail(`STARTTLS failed (${(e as { code?: string }).code ?? 'TLS error'}).`)));
      });
      reader.attach(socket);
      encrypted = true;
      ehlo = await cmd(`EHLO ${ehloName}`, [250]);
    }
    if (o.user) {
      if (!encrypted && !isLoopback(o.host)) throw fail('Refusing to send the SMTP password over an unencrypted connection: set EMAIL_USE_TLS or EMAIL_USE_SSL.');
      const token = Buffer.from(`\0${o.user}\0${o.password ?? ''}`, 'utf8').toString('base64');
      await cmd(`AUTH PLAIN ${token}`, [235], 'AUTH');
    }
    await cmd(`MAIL FROM:<${m.from}>`, [250], 'MAIL FROM');
    for (const t of m.to) await cmd(`RCPT TO:<${t}>`, [250, 251], 'RCPT TO');
    await cmd('DATA', [354]);
    socket.write(formatMessage(m, new Date(), m.from.split('@')[1] ?? 'localhost'));
    const done = await reader.next();
    if (done.code !== 250) throw fail(`The SMTP server rejected the message: ${done.code}.`);
    socket.write('QUIT\r\n');
    await reader.next().catch(() => undefined);
  } finally {
    socket.destroy();
  }
}
