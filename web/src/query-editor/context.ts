/**
 * Where the cursor is, for autocomplete: the command-name position, or an argument of a command (with the
 * words before it). Pure (no CodeMirror), so it can be unit-tested.
 */
import { inTemplateTag, scan } from './lexer';

export type CursorContext =
  | { kind: 'command'; from: number; prefix: string }
  | {
      kind: 'argument';
      /** The command name (first word of the segment). */
      command: string;
      /** Words between the command name and the word being typed. */
      previous: string[];
      from: number;
      prefix: string;
    };

/** The completion context at `pos` in `text`, or null inside strings, comments and template tags. */
export function cursorContext(text: string, pos: number): CursorContext | null {
  const before = text.slice(0, pos);
  if (inTemplateTag(before)) return null;
  const s = scan(before);
  if (s.open) return null;
  const seg = s.segments[s.segments.length - 1];
  if (!seg) return null;
  const words = seg.words;
  const current = s.endsInWord ? words[words.length - 1] : undefined;
  if (current?.quoted) return null;
  const prior = current ? words.slice(0, -1) : words;
  const from = current?.start ?? pos;
  const prefix = current?.value ?? '';
  const first = prior[0];
  if (!first) return { kind: 'command', from, prefix };
  return { kind: 'argument', command: first.value, previous: prior.slice(1).map((w) => w.value), from, prefix };
}
