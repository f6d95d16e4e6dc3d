/** argparse-style usage and help text (default HelpFormatter layout, 80 columns). */
import type { Argument, CommandSpec, Nargs } from './types.js';

const WIDTH = 78; // argparse: $COLUMNS (80) - 2
const MAX_HELP_POSITION = 24;

/** argparse `_format_args`: how a metavar repeats for a given nargs. */
export function formatNargs(metavar: string, nargs: Nargs | null): string {
  if (nargs === null) return metavar;
  if (nargs === 0) return '';
  if (nargs === '?') return `[${metavar}]`;
  if (nargs === '*') return `[${metavar} ...]`;
  if (nargs === '+') return `${metavar} [${metavar} ...]`;
  return Array.from({ length: nargs }, () => metavar).join(' ');
}

function optionPart(arg: Argument, flag: string): string {
  const value = formatNargs(arg.metavar, arg.nargs);
  return value === '' ? flag : `${flag} ${value}`;
}

/** Usage parts: options (with exclusive groups in place of their first member), then positionals. */
function usageParts(spec: CommandSpec): { optionals: string[]; positionals: string[] } {
  const optionals: string[] = [];
  const positionals: string[] = [];
  const doneGroups = new Set<number>();
  for (const arg of spec.arguments) {
    if (arg.kind === 'positional') {
      positionals.push(formatNargs(arg.metavar, arg.nargs));
    } else if (arg.group !== undefined) {
      if (doneGroups.has(arg.group)) continue;
      doneGroups.add(arg.group);
      const group = spec.groups[arg.group];
      if (group === undefined) continue;
      const inner = group.members.map((m) => optionPart(m, m.flags[0] ?? '')).join(' | ');
      optionals.push(group.required ? `(${inner})` : `[${inner}]`);
    } else {
      const part = optionPart(arg, arg.flags[0] ?? '');
      optionals.push(arg.required ? part : `[${part}]`);
    }
  }
  return { optionals, positionals };
}

function wrapParts(parts: string[], indent: number, firstLinePrefix?: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let len = (firstLinePrefix?.length ?? indent) - 1;
  for (const part of parts) {
    if (len + 1 + part.length > WIDTH && line.length > 0) {
      lines.push(line.join(' '));
      line = [];
      len = indent - 1;
    }
    line.push(part);
    len += part.length + 1;
  }
  if (line.length > 0) lines.push(line.join(' '));
  return lines.map((l, i) => (i === 0 && firstLinePrefix !== undefined ? l : ' '.repeat(indent) + l));
}

/** `usage: head [-h] [-n N]` (wrapped like argparse when longer than a line). */
export function formatUsage(spec: CommandSpec): string {
  const { optionals, positionals } = usageParts(spec);
  const prefix = 'usage: ';
  const oneLine = [spec.prog, ...optionals, ...positionals].join(' ');
  if (prefix.length + oneLine.length <= WIDTH) return prefix + oneLine;
  const indent = prefix.length + spec.prog.length + 1;
  const lines = [
    ...wrapParts([spec.prog, ...optionals], indent, prefix),
    ...(positionals.length > 0 ? wrapParts(positionals, indent) : []),
  ];
  return prefix + lines.join('\n');
}

/** The invocation column of help: `-n N, --limit N` or `FIELD`. */
export function invocation(arg: Argument): string {
  if (arg.kind === 'positional') return arg.metavar;
  return arg.flags.map((f) => optionPart(arg, f)).join(', ');
}

function wrapText(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else {
      line = line === '' ? w : `${line} ${w}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function section(title: string, args: readonly Argument[], helpPosition: number): string[] {
  if (args.length === 0) return [];
  const out = ['', `${title}:`];
  const helpWidth = Math.max(WIDTH - helpPosition, 11);
  for (const arg of args) {
    const head = `  ${invocation(arg)}`;
    const help = arg.help === undefined ? [] : wrapText(arg.help, helpWidth);
    if (help.length === 0) {
      out.push(head);
    } else if (head.length <= helpPosition - 2) {
      out.push(head.padEnd(helpPosition) + help[0]);
      for (const l of help.slice(1)) out.push(' '.repeat(helpPosition) + l);
    } else {
      out.push(head);
      for (const l of help) out.push(' '.repeat(helpPosition) + l);
    }
  }
  return out;
}

/** Full argparse-style help: usage, description, positional arguments, options, epilog. */
export function formatHelp(spec: CommandSpec): string {
  const positionals = spec.arguments.filter((a) => a.kind === 'positional');
  const options = spec.arguments.filter((a) => a.kind === 'option');
  const longest = Math.max(...spec.arguments.map((a) => invocation(a).length + 2));
  const helpPosition = Math.min(longest + 2, MAX_HELP_POSITION);
  const lines = [formatUsage(spec)];
  if (spec.description !== undefined) lines.push('', ...wrapText(spec.description, WIDTH));
  lines.push(...section('positional arguments', positionals, helpPosition));
  lines.push(...section('options', options, helpPosition));
  if (spec.epilog !== undefined) lines.push('', ...wrapText(spec.epilog, WIDTH));
  return `${lines.join('\n')}\n`;
}
