import { readFileSync, statSync } from 'node:fs';
import { DelveError } from '../errors.js';

/**
 * Reads a secret from a file named by a `*_FILE` setting (Docker/Kubernetes secrets). The file must not be readable
 * by group or others; the error says which `chmod` fixes it. The trailing newline is removed.
 */
export function readSecretFile(path: string, settingName: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (e) {
    throw new DelveError('DLV_KEY_FILE_UNREADABLE', `${settingName}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { field: settingName });
  }
  assertPrivateFile(path, mode, settingName);
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    throw new DelveError('DLV_KEY_FILE_UNREADABLE', `${settingName}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { field: settingName });
  }
}

/** Refuses a key file that group or others may read (mode & 0o077). */
export function assertPrivateFile(path: string, mode: number, settingName: string): void {
  if ((mode & 0o077) !== 0) {
    throw new DelveError(
      'DLV_KEY_FILE_PERMISSIONS',
      `${settingName}: ${path} is readable by group or others (mode ${(mode & 0o777).toString(8)}); fix it with: chmod 600 ${path}`,
      { field: settingName },
    );
  }
}
