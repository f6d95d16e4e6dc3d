import Value from 'typebox/value';
import { DelveError } from '../errors.js';
import { envName, parseDuration, type SettingDef } from './define.js';

export type SettingOrigin = 'env' | 'file' | 'flag';

function fail(name: string, origin: SettingOrigin, reason: string): never {
  const where = origin === 'env' ? `environment variable ${envName(name)}` : origin === 'file' ? 'settings.ts' : 'command-line flag';
  throw new DelveError('DLV_CONFIG_INVALID', `Setting ${name} (from ${where}): ${reason}`, { field: name });
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off', '']);

/** Turns an environment-variable string into the setting's typed value (before schema validation). */
export function parseEnvString(name: string, d: SettingDef, raw: string): unknown {
  const text = raw.trim();
  switch (d.kind) {
    case 'bool': {
      const t = text.toLowerCase();
      if (TRUE.has(t)) return true;
      if (FALSE.has(t)) return false;
      return fail(name, 'env', `expected true/false (also 1/0, yes/no, on/off), got "${text}"`);
    }
    case 'int': {
      if (/^(null|none)?$/i.test(text) && d.default === null) return null;
      if (!/^-?\d+$/.test(text)) return fail(name, 'env', `expected a whole number, got "${text}"`);
      return Number(text);
    }
    case 'duration': {
      const v = parseDuration(text);
      return v ?? fail(name, 'env', `expected a duration such as 90, 90s, 30m, 12h or 14d, got "${text}"`);
    }
    case 'list':
      return text === '' ? [] : text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        return fail(name, 'env', `expected JSON (${(e as Error).message})`);
      }
    default:
      return raw;
  }
}

/** Normalises a value from settings.ts or a flag (durations may be strings there) and validates it against the schema. */
export function validateSetting(name: string, d: SettingDef, value: unknown, origin: SettingOrigin): unknown {
  let v = value;
  if (d.kind === 'duration' && typeof v === 'string') {
    v = parseDuration(v) ?? fail(name, origin, `expected a duration such as 90, 90s, 30m, 12h or 14d, got "${v}"`);
  }
  if (d.kind === 'list' && typeof v === 'string') v = parseEnvString(name, d, v);
  if (d.kind === 'int' && typeof v === 'string' && /^-?\d+$/.test(v.trim())) v = Number(v);
  if (v === undefined) return fail(name, origin, 'value is undefined (an unset environment variable read in settings.ts?)');
  if (!Value.Check(d.schema, v)) {
    const errors = [...Value.Errors(d.schema, v)];
    const leaf = errors.find((e) => e.keyword !== 'anyOf') ?? errors[0];
    const at = leaf && leaf.instancePath ? ` at ${leaf.instancePath}` : '';
    const allowed = d.kind === 'enum' ? ` (allowed: ${(d.schema as unknown as { anyOf: { const: string }[] }).anyOf.map((s) => s.const).join(', ')})` : '';
    const shown = d.secret ? '' : `, got ${JSON.stringify(v)?.slice(0, 80)}`;
    return fail(name, origin, `${leaf?.message ?? 'invalid value'}${at}${allowed}${shown}`);
  }
  return v;
}
