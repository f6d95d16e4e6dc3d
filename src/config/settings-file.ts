import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DelveError } from '../errors.js';

/**
 * Loads `$DELVE_HOME/settings.ts` at run time (optional, git-ignored). It is transpiled with TypeScript's
 * `transpileModule` into a private temporary module beside it (so its relative imports work), imported, and removed.
 * The module's default export is an object of settings, or a function `(env) => object`.
 */
export async function loadSettingsFile(path: string, env: Readonly<Record<string, string | undefined>>): Promise<Record<string, unknown> | null> {
  if (!existsSync(path)) return null;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DelveError('DLV_CONFIG_SETTINGS_FILE', `Cannot read ${path}: ${(e as Error).message}`);
  }
  const ts = (await import('typescript')).default;
  const out = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const diag = out.diagnostics?.[0];
  if (diag) {
    const msg = ts.flattenDiagnosticMessageText(diag.messageText, ' ');
    throw new DelveError('DLV_CONFIG_SETTINGS_FILE', `${path} has a syntax error: ${msg}`);
  }
  const tmp = join(dirname(path), `.settings.${process.pid}.${Date.now()}.mjs`);
  writeFileSync(tmp, out.outputText, { mode: 0o600 });
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(tmp).href)) as { default?: unknown };
  } catch (e) {
    throw new DelveError('DLV_CONFIG_SETTINGS_FILE', `${path} failed to load: ${(e as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
  }
  let value = mod.default;
  if (typeof value === 'function') value = (value as (e: typeof env) => unknown)(env);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DelveError('DLV_CONFIG_SETTINGS_FILE', `${path} must \`export default\` an object of settings (or a function returning one)`);
  }
  return value as Record<string, unknown>;
}
