import { resolve } from 'node:path';
import { loadSettings, type LoadedSettings } from '../config/load.js';
import type { SettingName } from '../config/schema.js';
import { resolveKeys, type ResolvedKeys } from '../security/keys/index.js';
import type { Store } from '../storage/index.js';

/** Options every command accepts (declared on the root program). */
export interface GlobalOptions {
  home?: string;
  secretKey?: string;
}

/** What a command needs: the environment (read once here), settings, and lazily the keys and the database. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly loaded: LoadedSettings;
  /** Resolves SECRET_KEY (generating var/secret_key on first use) and logs the warnings to stderr. */
  keys(): ResolvedKeys;
  /** Opens the database and applies pending migrations. */
  store(opts?: { migrate?: boolean }): Promise<Store>;
  close(): Promise<void>;
}

/** DELVE_HOME: --home, else $DELVE_HOME, else the folder holding `fl` ($DELVE_ROOT), else the working directory. */
export function homeDir(opts: GlobalOptions, env: Readonly<Record<string, string | undefined>>): string {
  return resolve(opts.home ?? env.DELVE_HOME ?? env.DELVE_ROOT ?? process.cwd());
}

export async function createContext(opts: GlobalOptions, flags: Partial<Record<SettingName, unknown>> = {}): Promise<CliContext> {
  const env = Object.freeze({ ...process.env });
  const allFlags: Partial<Record<SettingName, unknown>> = { ...flags };
  if (opts.secretKey !== undefined) allFlags.SECRET_KEY = opts.secretKey;
  const loaded = await loadSettings({ home: homeDir(opts, env), env, flags: allFlags });
  let keys: ResolvedKeys | undefined;
  let store: Store | undefined;
  return {
    env,
    loaded,
    keys() {
      if (!keys) {
        keys = resolveKeys(loaded.settings, loaded.sources, { generate: true });
        for (const w of keys.warnings) process.stderr.write(`warning: ${w}\n`);
      }
      return keys;
    },
    async store(o = {}) {
      if (!store) {
        const { openStore } = await import('../storage/index.js');
        store = openStore(loaded.settings);
        if (o.migrate !== false) await store.migrate();
      }
      return store;
    },
    async close() {
      await store?.close();
    },
  };
}
