import { isAbsolute, join, resolve } from 'node:path';
import { DelveError } from '../errors.js';
import { envName } from './define.js';
import { parseEnvString, validateSetting } from './parse-value.js';
import { SETTINGS, SETTING_NAMES, type SettingName, type Settings } from './schema.js';
import { readSecretFile } from './secret-file.js';
import { loadSettingsFile } from './settings-file.js';

export type SettingSource = 'default' | 'file' | 'env' | 'env-file' | 'flag';

export interface LoadedSettings {
  readonly settings: Settings;
  /** Where each setting's effective value came from (for `fl check`). */
  readonly sources: Readonly<Record<SettingName, SettingSource>>;
  /** Path of the settings.ts that was loaded, if any. */
  readonly settingsFile: string | null;
}

export interface LoadOptions {
  /** DELVE_HOME: holds settings.ts and var/. */
  home: string;
  /** The process environment, read once by the CLI entry point and passed down. */
  env: Readonly<Record<string, string | undefined>>;
  /** Values from command-line flags (highest precedence). Undefined entries are ignored. */
  flags?: Partial<Record<SettingName, unknown>>;
}

/** Settings whose values are paths; relative ones are resolved against DELVE_HOME. */
const PATH_SETTINGS: SettingName[] = [
  'DELVE_DATABASE_PATH', 'DELVE_MEDIA_ROOT', 'DELVE_LOG_DIR', 'DELVE_SSL_PRIVATE_KEY', 'DELVE_SSL_CERTIFICATE',
  'DELVE_SSL_CA_CERTIFICATE', 'DELVE_DOCUMENTATION_DIRECTORY',
];

function suggest(name: string): string {
  const upper = name.toUpperCase();
  const hit = SETTING_NAMES.find((n) => n === upper || n === `DELVE_${upper}` || `DELVE_${n}` === upper);
  return hit ? ` (did you mean ${hit}?)` : '';
}

/** defaults < $DELVE_HOME/settings.ts < environment (value, then `_FILE`) < flags → validated, frozen Settings. */
export async function loadSettings(opts: LoadOptions): Promise<LoadedSettings> {
  const home = resolve(opts.home);
  const values: Record<string, unknown> = {};
  const sources = {} as Record<SettingName, SettingSource>;
  for (const name of SETTING_NAMES) {
    values[name] = SETTINGS[name].default;
    sources[name] = 'default';
  }

  const fileValues = await loadSettingsFile(join(home, 'settings.ts'), opts.env);
  if (fileValues) {
    for (const [key, value] of Object.entries(fileValues)) {
      if (!(key in SETTINGS)) {
        throw new DelveError('DLV_CONFIG_INVALID', `settings.ts: unknown setting ${key}${suggest(key)}`, { field: key });
      }
      const name = key as SettingName;
      values[name] = validateSetting(name, SETTINGS[name], value, 'file');
      sources[name] = 'file';
    }
  }

  for (const name of SETTING_NAMES) {
    const d = SETTINGS[name];
    const env = envName(name);
    const raw = opts.env[env];
    if (raw !== undefined) {
      values[name] = validateSetting(name, d, parseEnvString(name, d, raw), 'env');
      sources[name] = 'env';
      continue;
    }
    const file = d.secret ? opts.env[`${env}_FILE`] : undefined;
    if (file !== undefined && file !== '') {
      const text = readSecretFile(resolve(home, file), `${env}_FILE`);
      const parsed = d.kind === 'list' ? text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#')) : text;
      values[name] = validateSetting(name, d, parsed, 'env');
      sources[name] = 'env-file';
    }
  }

  for (const [key, value] of Object.entries(opts.flags ?? {})) {
    if (value === undefined) continue;
    const name = key as SettingName;
    values[name] = validateSetting(name, SETTINGS[name], value, 'flag');
    sources[name] = 'flag';
  }

  for (const name of PATH_SETTINGS) {
    const v = values[name];
    if (typeof v === 'string' && v !== '' && !isAbsolute(v)) values[name] = resolve(home, v);
  }
  values.DELVE_HOME = home;
  for (const v of Object.values(values)) if (v && typeof v === 'object') Object.freeze(v);
  return { settings: Object.freeze(values) as unknown as Settings, sources: Object.freeze(sources), settingsFile: fileValues ? join(home, 'settings.ts') : null };
}
