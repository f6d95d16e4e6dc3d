import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadedSettings } from '../../config/load.js';
import { finding, type Finding } from './finding.js';
import { keyFindings } from './key-checks.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string): boolean => LOOPBACK.has(host) || host.startsWith('127.');

/** Extra finding sources (the TLS module adds its own). */
export type FindingSource = (loaded: LoadedSettings) => Finding[];

function databaseFindings(loaded: LoadedSettings): Finding[] {
  const s = loaded.settings;
  const out: Finding[] = [];
  const db = s.DELVE_DATABASE_PATH;
  if (existsSync(db)) {
    const mode = statSync(db).mode & 0o777;
    if (mode & 0o077) out.push(finding('DLV_CHECK_DB_FILE_MODE', 'error', `Database file ${db} is readable by group or others (mode ${mode.toString(8)})`, `chmod 600 ${db}`));
    const dmode = statSync(dirname(db)).mode & 0o777;
    if (dmode & 0o077) out.push(finding('DLV_CHECK_DB_DIR_MODE', 'warning', `Database directory ${dirname(db)} is open to group or others (mode ${dmode.toString(8)})`, `chmod 700 ${dirname(db)}`));
  }
  if (!s.DELVE_DATABASE_ENCRYPTION_KEY) {
    out.push(finding('DLV_CHECK_DB_UNENCRYPTED', 'info', 'The embedded database is not encrypted at rest', 'set DELVE_DATABASE_ENCRYPTION_KEY_FILE (before first start; see README)'));
  }
  return out;
}

function serverFindings(loaded: LoadedSettings): Finding[] {
  const s = loaded.settings;
  const out: Finding[] = [];
  if (s.DEBUG) out.push(finding('DLV_CHECK_DEBUG', 'error', 'DEBUG is on: weak keys and expired certificates are accepted', 'unset DELVE_DEBUG'));
  if (s.ALLOWED_HOSTS.includes('*')) out.push(finding('DLV_CHECK_ALLOWED_HOSTS', 'warning', "ALLOWED_HOSTS contains '*': any Host header is accepted", 'list the host names clients use'));
  return out;
}

/** Every finding `fl check --deploy` reports, most severe first. */
export function deployFindings(loaded: LoadedSettings, env: Readonly<Record<string, string | undefined>>, extra: FindingSource[] = []): Finding[] {
  const all = [...keyFindings(loaded, env), ...serverFindings(loaded), ...databaseFindings(loaded), ...extra.flatMap((f) => f(loaded))];
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return all.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
