#!/usr/bin/env node
// Web server throughput, latency, TLS handshake rate and memory (see bench/README.md):
//   node bench/http.mjs [--duration 10] [--warmup 5] [--threads 2] [--connections 64] [--handshake-concurrency 16]
//                       [--ssl-module builtin|http2] [--no-wrk]
// Builds Delve (./fl --help), makes a temporary DELVE_HOME and a self-signed P-256 certificate (openssl CLI), starts
// `./fl serve --port 0` twice (HTTP, HTTPS) plus a bare fastify server (one route, HTTP) as a baseline, then measures
// GET /healthz with keep-alive (wrk if installed, else a built-in keep-alive load generator), full TLS handshakes/s
// (new connection per request, no session resumption) and each server's peak RSS (VmHWM). Loopback only; every phase
// is time-bounded; the servers are stopped and the temporary directory removed at the end. Prints one JSON object.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const WATCHDOG_MS = 15 * 60_000; // the whole run, build included, never exceeds this

function args() {
  const a = process.argv.slice(2);
  const get = (name, dflt) => { const i = a.indexOf(`--${name}`); return i >= 0 ? a[i + 1] : dflt; };
  return {
    duration: Math.min(120, Math.max(1, Number(get('duration', 10)))),
    warmup: Math.min(60, Math.max(0, Number(get('warmup', 5)))),
    threads: Number(get('threads', 2)),
    connections: Number(get('connections', 64)),
    hsConcurrency: Number(get('handshake-concurrency', 16)),
    sslModule: get('ssl-module', 'builtin'),
    noWrk: a.includes('--no-wrk'),
    fastifyChild: a.includes('--fastify-child'),
    tlsKey: get('tls-key', undefined),
    tlsCert: get('tls-cert', undefined),
  };
}

// ---------------------------------------------------------------- baseline child: bare fastify, one route
async function fastifyChild(o) {
  const { default: Fastify } = await import('fastify');
  const https = o.tlsKey ? { https: { key: readFileSync(o.tlsKey), cert: readFileSync(o.tlsCert) } } : {};
  const app = Fastify({ logger: false, ...https });
  app.get('/healthz', async () => ({ status: 'ok' }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`fastify listening on ${url}\n`);
  process.on('SIGTERM', () => { app.close().then(() => process.exit(0)); });
  process.stdin.on('end', () => process.exit(0)).resume(); // the parent went away
}

// ---------------------------------------------------------------- process management
const children = new Set();
function killAll(signal = 'SIGKILL') { for (const c of children) if (c.exitCode === null) c.kill(signal); }
process.on('exit', () => killAll());

/** Spawns a server and resolves with {child, url} once `pattern` appears on stdout. */
function startServer(name, cmd, argv, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${name}: no URL within ${timeoutMs} ms\n${err.slice(-2000)}`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1] }); }
    });
    child.stderr.on('data', (d) => { err = (err + d).slice(-8000); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}) before listening\n${err.slice(-2000)}`)); });
  });
}

/** SIGTERM, then SIGKILL after 10 s; resolves with the exit code/signal. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code, sig) => { clearTimeout(t); children.delete(child); resolve(code ?? sig); });
    child.kill('SIGTERM');
  });
}

/** Peak and current resident set size of a live process, in MiB (Linux /proc). */
function memory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { peakRssMiB: +(kb('VmHWM') / 1024).toFixed(1), rssMiB: +(kb('VmRSS') / 1024).toFixed(1) };
  } catch { return { peakRssMiB: null, rssMiB: null }; }
}

// ---------------------------------------------------------------- load generators
function hasWrk() { return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined; }

const UNIT = { us: 1e-3, ms: 1, s: 1000 };
const toMs = (v) => { const m = /^([\d.]+)(us|ms|s)$/.exec(v); return m ? +(Number(m[1]) * UNIT[m[2]]).toFixed(3) : null; };

/** wrk keep-alive run; latency in milliseconds. */
function runWrk(url, o) {
  const r = spawnSync('wrk', [`-t${o.threads}`, `-c${o.connections}`, `-d${o.duration}s`, '--timeout', '5s', '--latency', url],
    { encoding: 'utf8', timeout: (o.duration + 30) * 1000 });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr || r.error}`);
  const out = r.stdout;
  const num = (re) => Number(re.exec(out)?.[1] ?? 0);
  return {
    tool: 'wrk',
    requestsPerSec: Math.round(num(/Requests\/sec:\s+([\d.]+)/)),
    p50ms: toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99ms: toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    requests: num(/(\d+) requests in/),
    non2xx: num(/Non-2xx or 3xx responses:\s+(\d+)/),
    socketErrors: (/Socket errors: (.*)/.exec(out)?.[1] ?? 'none').trim(),
  };
}

const pct = (sorted, p) => sorted.length ? +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(3) : null;

/** Built-in keep-alive generator (used without wrk): `connections` sequential request loops on one Agent. */
async function runBuiltin(url, o) {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  const agent = new mod.Agent({ keepAlive: true, maxSockets: o.connections, rejectUnauthorized: false });
  const lat = [];
  let non2xx = 0, errors = 0;
  const end = Date.now() + o.duration * 1000;
  const one = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = mod.get(url, { agent, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => { lat.push(Number(process.hrtime.bigint() - t0) / 1e6); if (res.statusCode !== 200) non2xx++; resolve(); });
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', () => { errors++; resolve(); });
  });
  const loop = async () => { while (Date.now() < end) await one(); };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: o.connections }, loop));
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { tool: 'node-keepalive', requestsPerSec: Math.round(lat.length / ((Date.now() - t0) / 1000)), p50ms: pct(lat, 0.5), p99ms: pct(lat, 0.99), requests: lat.length, non2xx, socketErrors: errors };
}

/** Full TLS handshake per request (no session reuse): connect, GET /healthz with Connection: close, read, close. */
async function runHandshakes(url, o) {
  const u = new URL(url);
  const port = Number(u.port);
  const req = `GET /healthz HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`;
  const lat = [];
  let errors = 0, non200 = 0, protocol = null, cipher = null;
  const one = () => new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let buf = '';
    let done = false;
    const finish = (ok) => { if (done) return; done = true; if (ok) lat.push(Number(process.hrtime.bigint() - t0) / 1e6); else errors++; sock.destroy(); resolve(); };
    // No `session` option and a fresh socket each time: every connection is a full handshake.
    const sock = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] }, () => {
      protocol ??= sock.getProtocol();
      cipher ??= sock.getCipher()?.standardName ?? null;
      sock.write(req);
    });
    sock.setEncoding('utf8');
    sock.setTimeout(5000, () => finish(false));
    sock.on('data', (d) => { buf += d; });
    sock.on('end', () => { if (!buf.startsWith('HTTP/1.1 200')) non200++; finish(buf.length > 0); });
    sock.on('error', () => finish(false));
  });
  const end = Date.now() + o.duration * 1000;
  const loop = async () => { while (Date.now() < end) await one(); };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: o.hsConcurrency }, loop));
  lat.sort((a, b) => a - b);
  return { handshakesPerSec: Math.round(lat.length / ((Date.now() - t0) / 1000)), p50ms: pct(lat, 0.5), p99ms: pct(lat, 0.99), connections: lat.length, non200, errors, concurrency: o.hsConcurrency, protocol, cipher };
}

/** A few requests to check the server answers 200 before measuring (and to warm it up). */
async function warm(url) {
  for (let i = 0; i < 20; i++) {
    const status = await new Promise((resolve) => {
      const mod = url.startsWith('https:') ? https : http;
      mod.get(`${url}/healthz`, { rejectUnauthorized: false }, (res) => { res.resume(); resolve(res.statusCode); })
        .on('error', (e) => resolve(e.message));
    });
    if (status !== 200) throw new Error(`GET ${url}/healthz answered ${status}`);
  }
}

// ---------------------------------------------------------------- main
async function main() {
  const o = args();
  if (o.fastifyChild) return fastifyChild(o);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { killAll(); process.exit(130); });
  const loadBefore = loadavg();
  const watchdog = setTimeout(() => { process.stderr.write('http bench: watchdog fired, aborting\n'); killAll(); process.exit(2); }, WATCHDOG_MS);
  watchdog.unref();
  const home = mkdtempSync(join(tmpdir(), 'delve-http-bench-'));
  try {
    process.stderr.write('http bench: building (./fl --help)...\n');
    execFileSync(join(ROOT, 'fl'), ['--help'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(home, 'key.pem'), '-out', join(home, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore', timeout: 30_000 });
    const base = {
      ...process.env, DELVE_ROOT: ROOT, DELVE_HOME: home, DELVE_SECRET_KEY: randomBytes(48).toString('base64url'),
      ALLOWED_HOSTS: 'localhost,127.0.0.1',
    };
    const tlsEnv = { ...base, DELVE_SSL_PRIVATE_KEY: join(home, 'key.pem'), DELVE_SSL_CERTIFICATE: join(home, 'cert.pem'), DELVE_SSL_MODULE: o.sslModule };
    // The compiled CLI directly (what ./fl execs), so an edit under src/ during the run cannot trigger a rebuild.
    const serve = ['--enable-source-maps', join(ROOT, 'dist/cli/main.js'), 'serve', '--port', '0'];
    // Started one after the other: the first start migrates DELVE_HOME.
    const plain = await startServer('delve-http', process.execPath, serve, base, 120_000);
    const secure = await startServer('delve-https', process.execPath, serve, tlsEnv, 120_000);
    const bare = await startServer('fastify', process.execPath, [SELF, '--fastify-child'], process.env, 60_000);
    const bareTls = await startServer('fastify-https', process.execPath,
      [SELF, '--fastify-child', '--tls-key', tlsEnv.DELVE_SSL_PRIVATE_KEY, '--tls-cert', tlsEnv.DELVE_SSL_CERTIFICATE], process.env, 60_000);
    for (const s of [plain, secure, bare, bareTls]) await warm(s.url);
    const useWrk = !o.noWrk && hasWrk();
    // Each phase runs first for --warmup seconds (discarded): a fresh server is several times slower at first (JIT).
    const warmO = { ...o, duration: o.warmup };
    const phase = async (fn, url) => { if (o.warmup > 0) await fn(url, warmO); return fn(url, o); };
    const load = (url, p) => (useWrk ? Promise.resolve(runWrk(`${url}/healthz`, p)) : runBuiltin(`${url}/healthz`, p));
    process.stderr.write(`http bench: measuring with ${useWrk ? 'wrk' : 'the built-in generator'} (${o.warmup}s warm-up + ${o.duration}s per phase)...\n`);
    const fastifyHttp = await phase(load, bare.url);
    const delveHttp = await phase(load, plain.url);
    const delveHttps = await phase(load, secure.url);
    const handshakes = await phase(runHandshakes, secure.url);
    // Same loop against bare fastify + node:https with Node's TLS defaults: separates Delve's cost from the client's.
    const bareHandshakes = await phase(runHandshakes, bareTls.url);
    const result = {
      bench: 'http',
      node: process.version,
      cpus: cpus().length,
      loadavg1m: { before: +loadBefore[0].toFixed(2), after: +loadavg()[0].toFixed(2) },
      params: { duration_s: o.duration, warmup_s: o.warmup, threads: o.threads, connections: o.connections, sslModule: o.sslModule, loadTool: useWrk ? 'wrk' : 'node-keepalive', path: '/healthz' },
      fastifyHttp: { ...fastifyHttp, ...memory(bare.child.pid) },
      delveHttp: { ...delveHttp, ...memory(plain.child.pid) },
      delveHttps: { ...delveHttps, ...memory(secure.child.pid) },
      delveTlsHandshakes: handshakes,
      fastifyTlsHandshakes: { ...bareHandshakes, ...memory(bareTls.child.pid) },
      delveHttpVsFastify: +(delveHttp.requestsPerSec / fastifyHttp.requestsPerSec).toFixed(3),
      delveHttpsVsHttp: +(delveHttps.requestsPerSec / delveHttp.requestsPerSec).toFixed(3),
      exit: {},
    };
    result.exit.delveHttp = await stop(plain.child);
    result.exit.delveHttps = await stop(secure.child);
    result.exit.fastify = await stop(bare.child);
    result.exit.fastifyTls = await stop(bareTls.child);
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    await Promise.all([...children].map(stop));
    rmSync(home, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

main().catch((e) => { process.stderr.write(`http bench failed: ${e.stack ?? e}\n`); killAll(); process.exit(1); });
