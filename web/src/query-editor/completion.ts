/**
 * Autocomplete for the pipeline language: command names (with their help), sub-commands (`stats avg`), options of
 * the current command, choices of an option's value, and field names (event fields plus fields seen in results)
 * with `__lookup` suffixes. Help texts are passed as strings: CodeMirror shows them as text, never as HTML.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { cursorContext } from './context';
import type { ArgumentInfo, CommandInfo } from './types';
import { LOOKUPS, TRANSFORMS } from './vocabulary';

export interface CompletionData {
  commands: readonly CommandInfo[];
  fields: readonly string[];
}

const FIELD_METAVAR = /^(F|FIELDS?|COLUMNS?|KEYS?|PATH)$/i;
const NO_VALUE_ACTIONS = new Set(['store_true', 'store_false', 'store_const', 'append_const', 'count', 'help', 'version']);

function takesValue(a: ArgumentInfo): boolean {
  if (a.nargs === 0) return false;
  return !NO_VALUE_ACTIONS.has(String(a.action ?? 'store'));
}

/** The spec of the command being typed: `stats avg` when the first argument names a sub-command. */
function commandSpec(commands: readonly CommandInfo[], name: string, previous: readonly string[]): CommandInfo | undefined {
  const sub = previous[0] === undefined ? undefined : commands.find((c) => c.name === `${name} ${previous[0]}`);
  return sub ?? commands.find((c) => c.name === name);
}

function optionOf(spec: CommandInfo | undefined, flag: string): ArgumentInfo | undefined {
  return spec?.arguments?.find((a) => (a.flags ?? []).includes(flag));
}

function optionCompletions(spec: CommandInfo): Completion[] {
  const out: Completion[] = [];
  for (const a of spec.arguments ?? []) {
    for (const flag of a.flags ?? []) {
      out.push({
        label: flag,
        type: 'property',
        detail: takesValue(a) ? (a.metavar ?? 'VALUE') : undefined,
        info: a.help ?? undefined,
        boost: flag.startsWith('--') ? 1 : 0,
      });
    }
  }
  return out;
}

/** Field names as paths (`extracted_fields.status` → `extracted_fields__status`), unique. */
export function fieldPaths(fields: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const f of fields) {
    const p = f.replace(/\./g, '__');
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) seen.add(p);
  }
  return [...seen];
}

function fieldCompletions(data: CompletionData, prefix: string): Completion[] {
  const out: Completion[] = fieldPaths(data.fields).map((f) => ({ label: f, type: 'variable' }));
  const cut = prefix.lastIndexOf('__');
  if (cut > 0) {
    const base = prefix.slice(0, cut);
    for (const l of LOOKUPS) out.push({ label: `${base}__${l}`, type: 'function', detail: 'lookup' });
    for (const tr of TRANSFORMS) out.push({ label: `${base}__${tr}`, type: 'function', detail: 'transform' });
  }
  return out;
}

/** The completion source; `data()` is read on every request so new commands/fields apply at once. */
export function queryCompletionSource(data: () => CompletionData): CompletionSource {
  return (ctx: CompletionContext): CompletionResult | null => {
    const c = cursorContext(ctx.state.sliceDoc(0, ctx.pos), ctx.pos);
    if (!c) return null;
    if (!ctx.explicit && c.prefix === '') return null;
    const d = data();
    if (c.kind === 'command') {
      const options = d.commands.filter((x) => !x.name.includes(' ')).map((x) => ({
        label: x.name, type: 'keyword', detail: x.description ?? undefined, info: x.help ?? x.usage ?? undefined,
      }));
      return { from: c.from, options, validFor: /^[\w.-]*$/ };
    }
    const spec = commandSpec(d.commands, c.command, c.previous);
    const prefix = c.prefix;
    // --opt=value
    const eq = prefix.startsWith('-') ? prefix.indexOf('=') : -1;
    if (eq > 0) {
      const opt = optionOf(spec, prefix.slice(0, eq));
      if (opt?.choices?.length) return { from: c.from + eq + 1, options: opt.choices.map((v) => ({ label: String(v), type: 'enum' })), validFor: /^[\w.-]*$/ };
      return null;
    }
    if (prefix.startsWith('-')) {
      return spec ? { from: c.from, options: optionCompletions(spec), validFor: /^-{0,2}[\w-]*$/ } : null;
    }
    const last = c.previous[c.previous.length - 1];
    const prevOpt = last?.startsWith('-') && !last.includes('=') ? optionOf(spec, last) : undefined;
    if (prevOpt && takesValue(prevOpt)) {
      if (prevOpt.choices?.length) return { from: c.from, options: prevOpt.choices.map((v) => ({ label: String(v), type: 'enum' })), validFor: /^[\w.-]*$/ };
      if (!FIELD_METAVAR.test(prevOpt.metavar ?? '')) return null;
    }
    if (prefix.includes('=')) return null;
    const neg = prefix.startsWith('!') ? 1 : 0;
    const options = fieldCompletions(d, prefix.slice(neg));
    if (c.previous.length === 0) {
      for (const x of d.commands) {
        if (x.name.startsWith(`${c.command} `)) options.push({ label: x.name.slice(c.command.length + 1), type: 'keyword', info: x.help ?? undefined });
      }
    }
    return options.length ? { from: c.from + neg, options, validFor: /^\w*$/ } : null;
  };
}
