// Realistic, deterministic events shared by the benches (ingest-raw, ingest, query), so that every bench measures
// the same mix: half nginx access-log lines, half RFC 5424 syslog lines, ~270-byte texts, 4–8 extracted fields.
import { randomBytes } from 'node:crypto';

let seed = 12345;
/** Deterministic pseudo-random integer in [0, n): runs are comparable. */
export const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >>> 8) % n; };
export const pick = (a) => a[rnd(a.length)];

const PATHS = ['/', '/login', '/api/events/', '/api/query/', '/static/app.js', '/docs/search', '/cart/checkout', '/images/logo.png'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'curl/8.5.0', 'Mozilla/5.0 (Macintosh) Safari/605.1.15', 'Go-http-client/1.1'];
const PROGS = ['sshd', 'cron', 'kernel', 'systemd', 'postfix/smtpd', 'nginx'];
const MSGS = ['Accepted publickey for deploy from 10.0.4.7 port 52211 ssh2', 'session opened for user root by (uid=0)',
  'Out of memory: Killed process 4242 (java) total-vm:8123456kB', 'Started Daily apt download activities.',
  'connect from unknown[203.0.113.9]', 'upstream timed out (110: Connection timed out) while reading response header'];
export const HOSTS = Array.from({ length: 40 }, (_, i) => `host-${i.toString().padStart(2, '0')}.example.net`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const clfTime = (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;

/**
 * Event number `i` at `createdUs` (epoch µs): `{index, host, source, sourcetype, text, extracted_fields}`.
 * With `extract: true` the fields are left to Delve's extractors (sourcetypes `apache` / `syslog`, no extracted_fields).
 */
export function makeEvent(i, createdUs, { extract = false } = {}) {
  const d = new Date(createdUs / 1000);
  const host = pick(HOSTS);
  if (rnd(2) === 0) {
    const ip = `${10 + rnd(200)}.${rnd(256)}.${rnd(256)}.${rnd(256)}`;
    const status = pick([200, 200, 200, 301, 404, 500, 503]);
    const path = `${pick(PATHS)}?id=${rnd(100000)}&page=${rnd(50)}`;
    const bytes = rnd(90000);
    const agent = pick(AGENTS);
    const text = `${ip} - - [${clfTime(d)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "https://www.example.com/ref/${rnd(999)}" "${agent}" rt=${(rnd(3000) / 1000).toFixed(3)} upstream=${pick(HOSTS)}:8080 request_id=${randomBytes(12).toString('hex')}`;
    const base = { index: 'web', host, source: '/var/log/nginx/access.log', text };
    if (extract) return { ...base, sourcetype: 'apache' };
    const fields = { clientip: ip, method: 'GET', uri: path, status, bytes, useragent: agent };
    if (rnd(2)) fields.referer = `https://www.example.com/ref/${rnd(999)}`;
    if (rnd(2)) fields.rt = rnd(3000) / 1000;
    return { ...base, sourcetype: 'access_combined', extracted_fields: fields };
  }
  const prog = pick(PROGS);
  const pid = rnd(65000);
  const text = `<${rnd(191)}>1 ${d.toISOString()} ${host} ${prog.replace('/', '-')} ${pid} ID${rnd(100)} [meta sequenceId="${i}" env="prod" region="eu-west-${1 + rnd(3)}"] ${pick(MSGS)} (attempt ${rnd(9)}, user=${pick(['deploy', 'root', 'www-data', 'backup'])}, trace=${randomBytes(16).toString('hex')})`;
  const base = { index: 'syslog', host, source: 'udp:514', text };
  if (extract) return { ...base, sourcetype: 'syslog' };
  const fields = { appname: prog, procid: pid, msgid: `ID${rnd(100)}`, severity: rnd(8) };
  if (rnd(2)) fields.facility = rnd(24);
  if (rnd(2)) fields.region = `eu-west-${1 + rnd(3)}`;
  if (rnd(2)) fields.env = 'prod';
  if (rnd(2)) fields.sequenceId = i;
  return { ...base, sourcetype: 'linux_syslog', extracted_fields: fields };
}
