import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeCert, makeTempDir, removeTempDir } from '../../../../test/helpers/certs.js';
import { run, runError } from '../generic/test-helpers.js';
import { emailHooks, sendEmail } from './send-email.js';
import { formatMessage } from './smtp.js';
import { openTestEnv, type TestEnv } from './test-services.js';

/** A tiny SMTP sink: records every line it receives (client side of the transcript) and the DATA payloads. */
interface Sink { port: number; lines: string[]; messages: string[]; server: Server }
function smtpSink(opts: { tls?: { key: Buffer; cert: Buffer }; silent?: boolean; host?: string } = {}): Promise<Sink> {
  const sink: Sink = { port: 0, lines: [], messages: [], server: createServer() };
  sink.server.on('connection', (raw: Socket) => {
    let sock: Socket = raw;
    let buf = '';
    let data: string[] | null = null;
    if (opts.silent) return;
    const say = (s: string) => sock.write(`${s}\r\n`);
    const onData = (d: Buffer) => {
      buf += d.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data) {
          if (line === '.') { sink.messages.push(data.join('\r\n')); data = null; say('250 2.0.0 queued'); } else data.push(line);
          continue;
        }
        sink.lines.push(line);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') sock.write(`250-sink\r\n${opts.tls && !(sock instanceof TLSSocket) ? '250-STARTTLS\r\n' : ''}250 AUTH PLAIN\r\n`);
        else if (verb === 'STARTTLS') {
          say('220 go ahead');
          raw.removeListener('data', onData);
          sock = new TLSSocket(raw, { isServer: true, secureContext: createSecureContext(opts.tls!) });
          sock.on('data', onData);
        } else if (verb === 'AUTH') say('235 ok');
        else if (verb === 'DATA') { data = []; say('354 go'); } else if (verb === 'QUIT') { say('221 bye'); sock.end(); } else say('250 ok');
      }
    };
    raw.on('data', onData);
    say('220 sink ready');
  });
  return new Promise((r) => sink.server.listen(0, opts.host ?? '127.0.0.1', () => { sink.port = (sink.server.address() as AddressInfo).port; r(sink); }));
}

let t: TestEnv;
let dir: string;
let tlsPair: { key: Buffer; cert: Buffer };
let caPem: string;
const sinks: Sink[] = [];
beforeAll(async () => {
  t = await openTestEnv();
  dir = makeTempDir();
  const ca = makeCa(dir, 'smtp-ca');
  const c = makeCert(dir, { ca, cn: 'localhost' });
  tlsPair = { key: readFileSync(c.key), cert: readFileSync(c.cert) };
  caPem = readFileSync(ca.cert, 'utf8');
});
afterAll(async () => {
  for (const s of sinks) s.server.close();
  removeTempDir(dir);
  await t.close();
});

const settingsFor = (port: number, extra: Record<string, unknown> = {}) => ({ ...t.settings, EMAIL_HOST: 'localhost', EMAIL_PORT: port, DEFAULT_FROM_EMAIL: 'delve@example.com', ...extra });

describe('send_email', () => {
  it('sends one message when the input is non-empty and passes the input through', async () => {
    const sink = await smtpSink();
    sinks.push(sink);
    const ctx = t.ctx(t.root, { settings: settingsFor(sink.port) });
    const input = [{ a: 1 }];
    expect(await run(sendEmail, input, 'ops@example.com,dev@example.com "Disk full" .dot start and more', ctx)).toBe(input);
    expect(sink.lines.filter((l) => !l.startsWith('EHLO'))).toEqual(['MAIL FROM:<delve@example.com>', 'RCPT TO:<ops@example.com>', 'RCPT TO:<dev@example.com>', 'DATA', 'QUIT']);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toContain('Subject: Disk full');
    expect(sink.messages[0]).toMatch(/\r\n\r\n\.\.dot start and more$/); // dot-stuffed body line
    expect(await run(sendEmail, [], 'ops@example.com s m', ctx)).toEqual([]);
    expect(sink.messages).toHaveLength(1);
  });

  it('upgrades with STARTTLS (certificate verified) before AUTH PLAIN', async () => {
    const sink = await smtpSink({ tls: tlsPair });
    sinks.push(sink);
    const settings = settingsFor(sink.port, { EMAIL_USE_TLS: true, EMAIL_HOST_USER: 'mailer', EMAIL_HOST_PASSWORD: 's3cret-pw' });
    expect((await runError(sendEmail, [1], 'a@example.com s m', t.ctx(t.root, { settings }))).code).toBe('DLV_EMAIL_FAILED'); // unknown CA
    emailHooks.ca = caPem;
    try {
      await run(sendEmail, [1], 'a@example.com s m', t.ctx(t.root, { settings }));
    } finally {
      emailHooks.ca = undefined;
    }
    const i = sink.lines.lastIndexOf('STARTTLS');
    const auth = sink.lines.findIndex((l, k) => k > i && l.startsWith('AUTH PLAIN '));
    expect(i).toBeGreaterThan(-1);
    expect(auth).toBeGreaterThan(i);
    expect(Buffer.from(sink.lines[auth]!.slice(11), 'base64').toString()).toBe('\0mailer\0s3cret-pw');
  });

  it('refuses AUTH over a cleartext connection to a remote host, header injection, and non-superusers', async () => {
    const sink = await smtpSink();
    sinks.push(sink);
    const settings = settingsFor(sink.port, { EMAIL_HOST: '127.0.0.1', EMAIL_HOST_USER: 'mailer', EMAIL_HOST_PASSWORD: 'pw' });
    // 127.0.0.1 counts as loopback, so AUTH is allowed there; a remote cleartext server would be refused:
    await run(sendEmail, [1], 'a@example.com s m', t.ctx(t.root, { settings }));
    expect((await runError(sendEmail, [1], '"a@example.com\r\nBcc: x@evil.com" s m', t.ctx(t.root, { settings }))).code).toBe('DLV_QUERY_ARGUMENT');
    expect((await runError(sendEmail, [1], 'a@example.com s m', t.ctx(t.alice, { settings }))).code).toBe('DLV_AUTH_FORBIDDEN');
  });

  it('never sends the password over cleartext to a non-loopback server', async () => {
    const external = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
    if (!external) return; // no non-loopback interface on this machine
    const sink = await smtpSink({ host: external });
    sinks.push(sink);
    const settings = settingsFor(sink.port, { EMAIL_HOST: external, EMAIL_HOST_USER: 'mailer', EMAIL_HOST_PASSWORD: 'pw-never-sent' });
    const e = await runError(sendEmail, [1], 'a@example.com s m', t.ctx(t.root, { settings }));
    expect(e.code).toBe('DLV_EMAIL_FAILED');
    expect(e.message).toMatch(/EMAIL_USE_TLS/);
    expect(sink.lines.some((l) => l.startsWith('AUTH'))).toBe(false);
  });

  it('times out on a silent server', async () => {
    const sink = await smtpSink({ silent: true });
    sinks.push(sink);
    const { sendMail } = await import('./smtp.js');
    await expect(sendMail({ host: '127.0.0.1', port: sink.port, secure: false, startTls: false, timeoutMs: 300 }, { from: 'a@b.c', to: ['d@e.f'], subject: 's', text: 't' }))
      .rejects.toMatchObject({ code: 'DLV_EMAIL_FAILED' });
  });

  it('formats messages: CRLF, dot-stuffing, encoded non-ASCII subject, base64 for non-ASCII bodies', () => {
    const m = formatMessage({ from: 'a@b.c', to: ['d@e.f'], subject: 'Grüße', text: 'line1\n.line2\n..x' });
    expect(m).toContain('Subject: =?UTF-8?B?');
    expect(m).toContain('\r\n..line2\r\n');
    expect(m.endsWith('\r\n...x\r\n.\r\n')).toBe(true);
    expect(formatMessage({ from: 'a@b.c', to: ['d@e.f'], subject: 's', text: 'héllo' })).toContain('Content-Transfer-Encoding: base64');
  });
});
