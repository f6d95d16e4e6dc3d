/**
 * Test certificates generated with the `openssl` CLI (works with OpenSSL 3.0+).
 *
 * Every certificate is issued by a throw-away CA through `openssl ca` so validity dates can be set freely
 * (expired and not-yet-valid certificates included). Serial numbers are random and returned in the same
 * upper-case hex form Node prints in `X509Certificate#serialNumber` and `getPeerCertificate().serialNumber`.
 *
 *   const dir = makeTempDir();
 *   const ca = makeCa(dir, 'test-ca');
 *   const server = makeCert(dir, { ca, cn: 'localhost' });            // {key, cert, serial}
 *   const client = makeClientCert(dir, { ca, cn: 'alice' });
 *   removeTempDir(dir);
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyType = 'ec' | 'rsa';

/** A certificate authority on disk. `cert`/`key` are absolute paths. */
export interface CertAuthority {
  name: string;
  /** Folder holding the CA's key, certificate and `openssl ca` database. */
  dir: string;
  key: string;
  cert: string;
}

/** An issued certificate: absolute paths to its PEM key and certificate, and its serial (upper-case hex). */
export interface IssuedCert {
  key: string;
  cert: string;
  serial: string;
}

export interface MakeCertOptions {
  ca: CertAuthority;
  /** Subject common name; also the file name stem unless `name` is given. */
  cn: string;
  /** Subject alternative names; IPs become `IP:`, everything else `DNS:`. Default `['localhost', '127.0.0.1']`. */
  sans?: string[];
  /** Validity length in days from `notBefore` (default 30). */
  days?: number;
  /** Explicit validity start (default: one hour ago, to absorb clock skew). */
  notBefore?: Date;
  /** Explicit validity end (overrides `days`). */
  notAfter?: Date;
  /** Shortcut: valid from 30 days ago until yesterday. */
  expired?: boolean;
  /** Shortcut: valid from tomorrow for 30 days. */
  notYetValid?: boolean;
  /** Key algorithm (default 'ec', P-256). */
  keyType?: KeyType;
  /** Encrypt the private key (PKCS#8, AES-256-CBC) with this passphrase. */
  passphrase?: string;
  /** File name stem (default `<cn>-<serial>`). */
  name?: string;
}

const DAY_MS = 86_400_000;

/** Create a fresh temporary folder (mode 0700). Remove it with `removeTempDir`. */
export function makeTempDir(prefix = 'delve-certs-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a folder made by `makeTempDir` (ignores errors). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The version line of the installed `openssl` CLI, e.g. `OpenSSL 3.0.19 27 Jan 2026`. */
export function opensslVersion(): string {
  return openssl(['version']).trim();
}

/** Create a self-signed CA (10 years) in `<dir>/<name>/`. */
export function makeCa(dir: string, name: string, opts: { keyType?: KeyType } = {}): CertAuthority {
  const caDir = join(dir, name);
  mkdirSync(join(caDir, 'issued'), { recursive: true, mode: 0o700 });
  const key = join(caDir, 'ca.key');
  const cert = join(caDir, 'ca.pem');
  genKey(key, opts.keyType ?? 'ec');
  openssl([
    'req', '-x509', '-new', '-key', key, '-subj', `/CN=${name}`, '-days', '3650', '-sha256', '-out', cert,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  writeFileSync(join(caDir, 'index.txt'), '');
  writeFileSync(join(caDir, 'openssl.cnf'), caConfig(caDir));
  return { name, dir: caDir, key, cert };
}

/** Issue a TLS server certificate (extendedKeyUsage serverAuth). */
export function makeCert(dir: string, opts: MakeCertOptions): IssuedCert {
  return issue(dir, opts, 'serverAuth');
}

/** Issue a TLS client certificate (extendedKeyUsage clientAuth) for mutual TLS. */
export function makeClientCert(dir: string, opts: MakeCertOptions): IssuedCert {
  return issue(dir, { ...opts, sans: opts.sans ?? [] }, 'clientAuth');
}

/** Generate a lone private key (no certificate), e.g. to pair with a certificate it does not match. */
export function makeKey(path: string, keyType: KeyType = 'ec', passphrase?: string): string {
  genKey(path, keyType, passphrase);
  return path;
}

function issue(dir: string, opts: MakeCertOptions, usage: 'serverAuth' | 'clientAuth'): IssuedCert {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10; // positive, no leading zero byte: same text openssl and Node print
  const serial = bytes.toString('hex').toUpperCase();
  const stem = join(dir, opts.name ?? `${opts.cn.replace(/[^A-Za-z0-9.-]/g, '_')}-${serial.slice(0, 8)}`);
  const key = `${stem}.key`;
  const cert = `${stem}.pem`;
  const csr = `${stem}.csr`;
  const ext = `${stem}.ext`;
  genKey(key, opts.keyType ?? 'ec', opts.passphrase);
  const env = { ...process.env, DLV_TEST_KEY_PASS: opts.passphrase ?? '' };
  openssl(['req', '-new', '-key', key, '-subj', `/CN=${opts.cn}`, '-out', csr,
    ...(opts.passphrase === undefined ? [] : ['-passin', 'env:DLV_TEST_KEY_PASS'])], env);
  const sans = opts.sans ?? ['localhost', '127.0.0.1'];
  const lines = [
    '[ext]',
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage}`,
    'subjectKeyIdentifier=hash',
    'authorityKeyIdentifier=keyid',
  ];
  if (sans.length > 0) lines.push(`subjectAltName=${sans.map(sanEntry).join(',')}`);
  writeFileSync(ext, `${lines.join('\n')}\n`);
  writeFileSync(join(opts.ca.dir, 'serial'), `${serial}\n`);
  const { from, to } = validity(opts);
  openssl([
    'ca', '-batch', '-notext', '-config', join(opts.ca.dir, 'openssl.cnf'),
    '-cert', opts.ca.cert, '-keyfile', opts.ca.key, '-in', csr, '-out', cert,
    '-startdate', asn1Time(from), '-enddate', asn1Time(to), '-extfile', ext, '-extensions', 'ext',
  ]);
  rmSync(csr, { force: true });
  rmSync(ext, { force: true });
  return { key, cert, serial };
}

function validity(opts: MakeCertOptions): { from: Date; to: Date } {
  const now = Date.now();
  if (opts.expired === true) return { from: new Date(now - 30 * DAY_MS), to: new Date(now - DAY_MS) };
  if (opts.notYetValid === true) return { from: new Date(now + DAY_MS), to: new Date(now + 31 * DAY_MS) };
  const from = opts.notBefore ?? new Date(now - 3_600_000);
  const to = opts.notAfter ?? new Date(from.getTime() + (opts.days ?? 30) * DAY_MS);
  return { from, to };
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ`, accepted by `openssl ca -startdate/-enddate`. */
function asn1Time(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function sanEntry(san: string): string {
  return /^[0-9.]+$/.test(san) || san.includes(':') ? `IP:${san}` : `DNS:${san}`;
}

function genKey(path: string, keyType: KeyType, passphrase?: string): void {
  const algo = keyType === 'ec'
    ? ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']
    : ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];
  const enc = passphrase === undefined ? [] : ['-aes-256-cbc', '-pass', 'env:DLV_TEST_KEY_PASS'];
  openssl(['genpkey', ...algo, ...enc, '-out', path], { ...process.env, DLV_TEST_KEY_PASS: passphrase ?? '' });
}

function caConfig(caDir: string): string {
  return [
    '[ca]', 'default_ca = dlv_ca',
    '[dlv_ca]',
    `database = ${join(caDir, 'index.txt')}`,
    `new_certs_dir = ${join(caDir, 'issued')}`,
    `serial = ${join(caDir, 'serial')}`,
    'default_md = sha256', 'policy = dlv_policy', 'unique_subject = no', 'copy_extensions = none',
    'email_in_dn = no',
    '[dlv_policy]', 'commonName = supplied', '',
  ].join('\n');
}

function openssl(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync('openssl', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0] ?? ''} failed: ${err.stderr ?? err.message}`);
  }
}
