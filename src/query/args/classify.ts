/**
 * Deciding whether a word is an option, exactly like argparse's `_parse_optional`:
 * exact flag; `--flag=value`; unique prefix of a long flag (`--last-h`), ambiguous prefix → error;
 * a short flag with its value attached (`-n5`); negative numbers and words containing a space are
 * positional values; any other `-`-leading word is an unknown option.
 */
import type { Argument, CommandSpec } from './types.js';

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

export type Classified =
  | { kind: 'value' }
  /** `attached`: the explicit value was glued to a short flag (`-n5`, or `-vv` clusters), not given with `=`. */
  | { kind: 'option'; arg: Argument; flag: string; explicit: string | undefined; attached: boolean }
  | { kind: 'unknown-option' }
  | { kind: 'ambiguous'; message: string };

type Match = { arg: Argument; flag: string; explicit: string | undefined; attached: boolean };

function prefixMatches(spec: CommandSpec, word: string): Match[] {
  const out: Match[] = [];
  if (word.startsWith('--')) {
    const eq = word.indexOf('=');
    const prefix = eq >= 0 ? word.slice(0, eq) : word;
    const explicit = eq >= 0 ? word.slice(eq + 1) : undefined;
    for (const [flag, arg] of spec.flagIndex) if (flag.startsWith(prefix)) out.push({ arg, flag, explicit, attached: false });
  } else if (word[1] !== '-') {
    const shortFlag = word.slice(0, 2);
    const attached = word.slice(2);
    for (const [flag, arg] of spec.flagIndex) {
      if (flag === shortFlag) out.push({ arg, flag, explicit: attached === '' ? undefined : attached, attached: true });
      else if (flag.startsWith(word)) out.push({ arg, flag, explicit: undefined, attached: false });
    }
  }
  return out;
}

/** Classify one word (not after `--`). */
export function classifyWord(spec: CommandSpec, word: string): Classified {
  if (!word.startsWith('-')) return { kind: 'value' };
  const exact = spec.flagIndex.get(word);
  if (exact !== undefined) return { kind: 'option', arg: exact, flag: word, explicit: undefined, attached: false };
  if (word.length === 1) return { kind: 'value' };
  const eq = word.indexOf('=');
  if (eq >= 0) {
    const arg = spec.flagIndex.get(word.slice(0, eq));
    if (arg !== undefined) return { kind: 'option', arg, flag: word.slice(0, eq), explicit: word.slice(eq + 1), attached: false };
  }
  const matches = prefixMatches(spec, word);
  if (matches.length > 1) {
    const prefix = eq >= 0 ? word.slice(0, eq) : word;
    return {
      kind: 'ambiguous',
      message: `ambiguous option: ${prefix} could match ${matches.map((m) => m.flag).join(', ')}`,
    };
  }
  const only = matches[0];
  if (only !== undefined) return { kind: 'option', ...only };
  if (NEGATIVE_NUMBER.test(word) && !spec.hasNegativeNumberOptions) return { kind: 'value' };
  if (word.includes(' ')) return { kind: 'value' };
  return { kind: 'unknown-option' };
}
