import { existsSync, linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingSource } from '../../config/load.js';
import type { Settings } from '../../config/schema.js';
import { assertPrivateFile } from '../../config/secret-file.js';
import { DelveError } from '../../errors.js';
import { ensurePrivateDir } from '../../util/private-fs.js';
import { generateSecretKey } from './generate.js';
import { Keyring, type KeySource } from './keyring.js';
import { keyWeakness } from './strength.js';

export interface ResolvedKeys {
  keyring: Keyring;
  /** Loud warnings to log (generated key, weak key accepted because DEBUG is on). */
  warnings: string[];
  /** The generated key file, when that is where the key came from. */
  keyFile: string | null;
}

export const HOW_TO_SET_KEY =
  'set DELVE_SECRET_KEY (e.g. export DELVE_SECRET_KEY=$(./fl gen-secret-key)), DELVE_SECRET_KEY_FILE (a 0600 file), or SECRET_KEY in settings.ts';

/** Path of the key generated when none is configured. */
export function generatedKeyPath(settings: Settings): string {
  return join(settings.DELVE_HOME, 'var', 'secret_key');
}

function sourceOf(s: SettingSource): KeySource {
  return s === 'flag' ? 'flag' : s === 'env' ? 'env' : s === 'env-file' ? 'env-file' : 'settings';
}

function checkStrength(key: string, label: string, debug: boolean, warnings: string[]): void {
  const why = keyWeakness(key);
  if (!why) return;
  const msg = `${label} is too weak: ${why}. Generate a strong one with ./fl gen-secret-key`;
  if (debug) warnings.push(`${msg} (accepted only because DEBUG is on)`);
  else throw new DelveError('DLV_KEY_WEAK', msg, { field: label.replace(/\[\d+\]$/, '') });
}

function readGeneratedKey(path: string): string {
  assertPrivateFile(path, statSync(path).mode, path);
  return readFileSync(path, 'utf8').trim();
}

/**
 * Resolves SECRET_KEY and SECRET_KEY_FALLBACKS (DESIGN §4.2): flag > env > _FILE > settings.ts (already merged by
 * loadSettings) > var/secret_key, which is generated (0600 in a 0700 var/) when `generate` is set and none exists.
 * Weak keys and fallbacks are refused unless DEBUG is on.
 */
export function resolveKeys(settings: Settings, sources: Readonly<Record<string, SettingSource>>, opts: { generate: boolean }): ResolvedKeys {
  const warnings: string[] = [];
  let key = settings.SECRET_KEY;
  let source: KeySource;
  let keyFile: string | null = null;
  if (key !== null && key !== '') {
    source = sourceOf(sources.SECRET_KEY ?? 'file');
  } else {
    keyFile = generatedKeyPath(settings);
    source = 'generated-file';
    if (existsSync(keyFile)) {
      key = readGeneratedKey(keyFile);
    } else if (opts.generate) {
      ensurePrivateDir(dirname(keyFile));
      // Write a private temp file, then link it into place: link() is atomic and fails if another process won the
      // race, so nobody ever reads a created-but-not-yet-written key file.
      const tmp = `${keyFile}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, `${generateSecretKey()}\n`, { mode: 0o600, flag: 'wx' });
      try {
        linkSync(tmp, keyFile);
        warnings.push(`No SECRET_KEY is configured: generated one into ${keyFile} and will reuse it. For production, ${HOW_TO_SET_KEY}.`);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process generated it first
      } finally {
        rmSync(tmp, { force: true });
      }
      key = readGeneratedKey(keyFile);
    } else {
      throw new DelveError('DLV_KEY_MISSING', `No SECRET_KEY is configured: ${HOW_TO_SET_KEY}.`, { field: 'SECRET_KEY' });
    }
  }
  checkStrength(key, 'SECRET_KEY', settings.DEBUG, warnings);
  settings.SECRET_KEY_FALLBACKS.forEach((k, i) => checkStrength(k, `SECRET_KEY_FALLBACKS[${i}]`, settings.DEBUG, warnings));
  const fallbacks = settings.SECRET_KEY_FALLBACKS.filter((k) => k !== key);
  return { keyring: new Keyring(key, fallbacks, source), warnings, keyFile };
}
