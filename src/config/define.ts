import Type, { type TSchema } from 'typebox';

/** How a setting's value is written in an environment variable. */
export type EnvKind = 'bool' | 'int' | 'str' | 'list' | 'json' | 'duration' | 'enum';

export interface SettingDef<S extends TSchema = TSchema> {
  /** TypeBox schema of the final (parsed) value. */
  readonly schema: S;
  readonly kind: EnvKind;
  readonly default: unknown;
  /** One-line description shown by `fl check` and in settings.example.ts / README. */
  readonly help: string;
  /** Masked by `fl check`; may also be given as `<ENV>_FILE`. */
  readonly secret?: boolean;
  /** Section used to group settings in docs. */
  readonly group: string;
}

const def = <S extends TSchema>(kind: EnvKind, schema: S, dflt: unknown, group: string, help: string, secret = false): SettingDef<S> =>
  ({ kind, schema, default: dflt, group, help, secret });

export const bool = (dflt: boolean, group: string, help: string) => def('bool', Type.Boolean(), dflt, group, help);
export const int = (dflt: number, group: string, help: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  def('int', Type.Integer({ minimum: min, maximum: max }), dflt, group, help);
/** An integer setting that is unset (null) by default. */
export const optInt = (group: string, help: string, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  def('int', Type.Union([Type.Integer({ minimum: min, maximum: max }), Type.Null()]), null, group, help);
/** Seconds; env/settings also accept strings such as `90s`, `30m`, `12h`, `14d`. */
export const duration = (dflt: number, group: string, help: string, min = 0) =>
  def('duration', Type.Integer({ minimum: min }), dflt, group, help);
export const str = (dflt: string, group: string, help: string, secret = false) => def('str', Type.String(), dflt, group, help, secret);
/** A string setting that is unset (null) by default. */
export const optStr = (group: string, help: string, secret = false) =>
  def('str', Type.Union([Type.String(), Type.Null()]), null, group, help, secret);
export const list = (dflt: string[], group: string, help: string, secret = false) =>
  def('list', Type.Array(Type.String()), dflt, group, help, secret);
export const json = (schema: TSchema, dflt: unknown, group: string, help: string) => def('json', schema, dflt, group, help);
export const oneOf = <T extends string>(values: readonly T[], dflt: T, group: string, help: string) =>
  def('enum', Type.Union(values.map((v) => Type.Literal(v))), dflt, group, help);

/** The environment variable for a setting: `X` itself when it starts with DELVE_, else `DELVE_X` (DESIGN §4.1). */
export function envName(setting: string): string {
  return setting.startsWith('DELVE_') ? setting : `DELVE_${setting}`;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `90`, `90s`, `30m`, `12h`, `14d`, `2w` into seconds; returns undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([smhdw]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] || 's').toLowerCase();
  const v = n * (UNITS[unit] ?? 1);
  return Number.isSafeInteger(v) ? v : undefined;
}
