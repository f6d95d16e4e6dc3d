import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { LoadedSettings } from '../../config/load.js';
import { isDelveError } from '../../errors.js';
import { generatedKeyPath, keyWeakness, resolveKeys } from '../keys/index.js';
import { finding, type Finding } from './finding.js';

/** Whether git tracks `file` (false when git is missing or the file is outside a repository). */
export function trackedByGit(file: string): boolean {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', '--', file], { cwd: dirname(file), stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function modeFindings(file: string, what: string, code: string): Finding[] {
  if (!existsSync(file)) return [];
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [finding(code, 'error', `${what} ${file} is readable by group or others (mode ${mode.toString(8)})`, `chmod 600 ${file}`)];
}

/** Findings about SECRET_KEY and SECRET_KEY_FALLBACKS: source, strength, files, git. */
export function keyFindings(loaded: LoadedSettings, env: Readonly<Record<string, string | undefined>>): Finding[] {
  const { settings, sources } = loaded;
  const out: Finding[] = [];
  const keyFile = env.DELVE_SECRET_KEY_FILE ? resolve(settings.DELVE_HOME, env.DELVE_SECRET_KEY_FILE) : null;
  const generated = generatedKeyPath(settings);
  try {
    const { keyring } = resolveKeys(settings, sources, { generate: false });
    const weak = keyWeakness(keyring.current);
    if (weak) out.push(finding('DLV_CHECK_KEY_WEAK', 'error', `SECRET_KEY is too weak: ${weak} (accepted only because DEBUG is on)`, 'set a key from ./fl gen-secret-key'));
    if (keyring.source === 'generated-file') out.push(finding('DLV_CHECK_KEY_GENERATED', 'warning', `SECRET_KEY was generated into ${generated}; it is not managed by your deployment`, 'set DELVE_SECRET_KEY or DELVE_SECRET_KEY_FILE from your secret store'));
    if (keyring.source === 'flag') out.push(finding('DLV_CHECK_KEY_FLAG', 'warning', 'SECRET_KEY was given on the command line, where other local users can read it (ps)', 'use DELVE_SECRET_KEY_FILE instead'));
    if (keyring.source === 'settings') out.push(finding('DLV_CHECK_KEY_IN_SETTINGS', 'info', 'SECRET_KEY is written in settings.ts', 'read it from the environment in settings.ts, or use DELVE_SECRET_KEY_FILE'));
    if (!weak) out.push(finding('DLV_CHECK_KEY_OK', 'info', `SECRET_KEY source: ${keyring.source}; strength OK (${keyring.current.length} characters)`, 'none needed'));
  } catch (e) {
    if (!isDelveError(e)) throw e;
    if (e.code === 'DLV_KEY_MISSING') out.push(finding('DLV_CHECK_KEY_MISSING', 'warning', 'No SECRET_KEY is configured; one will be generated into var/secret_key on first start', 'set DELVE_SECRET_KEY or DELVE_SECRET_KEY_FILE'));
    else out.push(finding('DLV_CHECK_KEY_INVALID', 'error', e.message, 'set a key from ./fl gen-secret-key and fix the key file permissions'));
  }
  settings.SECRET_KEY_FALLBACKS.forEach((k, i) => {
    const weak = keyWeakness(k);
    if (weak) out.push(finding('DLV_CHECK_FALLBACK_WEAK', 'error', `SECRET_KEY_FALLBACKS[${i}] is too weak: ${weak}`, 'remove it, or replace it with a strong key'));
  });
  if (settings.SECRET_KEY_FALLBACKS.length > 0) {
    out.push(finding('DLV_CHECK_KEY_ROTATION', 'info', `${settings.SECRET_KEY_FALLBACKS.length} fallback key(s) active: values they signed still verify`, 'remove fallbacks once sessions and links signed by them have expired'));
  }
  for (const file of [keyFile, generated]) {
    if (!file) continue;
    out.push(...modeFindings(file, 'Key file', 'DLV_CHECK_KEY_FILE_MODE'));
    if (existsSync(file) && trackedByGit(file)) {
      out.push(finding('DLV_CHECK_KEY_IN_GIT', 'error', `Key file ${file} is tracked by git`, `git rm --cached ${relative(dirname(file), file)}, then rotate the key (it is in the history)`));
    }
  }
  const settingsFile = loaded.settingsFile;
  if (settingsFile && sources.SECRET_KEY === 'file' && trackedByGit(settingsFile)) {
    out.push(finding('DLV_CHECK_KEY_IN_GIT', 'error', `settings.ts holds SECRET_KEY and is tracked by git`, 'git rm --cached settings.ts, read the key from the environment, and rotate it'));
  }
  return out;
}
