/**
 * Pipeline parsing: split + tokenize every segment and check command names (reference §4.1 rule 3).
 * All problems in all segments are reported at once, so an editor can underline each of them.
 */
import { diagnostic, fail, ok, type Diagnostic, type Result, type Span } from '../diagnostics.js';
import { splitPipeline, tokenize, type Segment, type Token } from '../lexer/index.js';

/** One command of a parsed pipeline. */
export type CommandNode = {
  /** 0-based position in the pipeline. */
  index: number;
  /** The command name (first word). */
  name: string;
  nameSpan: Span;
  /** The words after the name. */
  args: Token[];
  /** From the start of the name to the end of the last argument. */
  span: Span;
  /** The original text between the separator pipes, and where it is. */
  raw: string;
  rawSpan: Span;
  /** Segment text with literal pipes unescaped: the input of the template stage. */
  source: string;
  /** Offsets of `source` characters in the original text (see Segment.offsets). */
  offsets: number[];
};

export type Pipeline = { text: string; segments: CommandNode[] };

export type ParsePipelineOptions = {
  /** Whether a name is a registered command; when omitted, names are not checked. */
  isCommand?: (name: string) => boolean;
};

/** Parse a whole query into commands; never throws. */
export function parsePipeline(text: string, options: ParsePipelineOptions = {}): Result<Pipeline> {
  const segments = splitPipeline(text);
  const diagnostics: Diagnostic[] = [];
  const nodes: CommandNode[] = [];
  for (const seg of segments) {
    const tokens = tokenize(seg.source, { offsets: seg.offsets });
    if (!tokens.ok) {
      diagnostics.push(...tokens.diagnostics.map((d) => ({ ...d, command: { index: seg.index, name: firstWord(seg) } })));
      continue;
    }
    const [head, ...args] = tokens.value;
    if (head === undefined) {
      diagnostics.push(emptySegment(text, seg, segments.length));
      continue;
    }
    const last = args[args.length - 1] ?? head;
    const node: CommandNode = {
      index: seg.index,
      name: head.value,
      nameSpan: head.span,
      args,
      span: { start: head.span.start, end: last.span.end },
      raw: text.slice(seg.rawSpan.start, seg.rawSpan.end),
      rawSpan: seg.rawSpan,
      source: seg.source,
      offsets: seg.offsets,
    };
    if (options.isCommand !== undefined && !options.isCommand(head.value)) {
      diagnostics.push(
        diagnostic('DLV_QUERY_UNKNOWN_COMMAND', `${head.value === '' ? "''" : head.value} is not a recognized search command.`, head.span, {
          command: { index: seg.index, name: head.value },
        }),
      );
    }
    nodes.push(node);
  }
  if (diagnostics.length > 0) return fail(...diagnostics);
  return ok({ text, segments: nodes });
}

function emptySegment(text: string, seg: Segment, count: number): Diagnostic {
  if (count === 1) {
    return diagnostic('DLV_QUERY_EMPTY_SEGMENT', 'The query is empty: write a command, e.g. `search index=web`.', {
      start: 0,
      end: text.length,
    });
  }
  if (seg.pipeAfter === undefined && seg.pipeBefore !== undefined) {
    return diagnostic(
      'DLV_QUERY_EMPTY_SEGMENT',
      'The query ends with a pipe: add a command after the last | or remove it (write || for a literal pipe).',
      seg.pipeBefore,
    );
  }
  if (seg.pipeBefore === undefined && seg.pipeAfter !== undefined) {
    return diagnostic(
      'DLV_QUERY_EMPTY_SEGMENT',
      'The query starts with a pipe: put a command before the first | or remove it.',
      seg.pipeAfter,
    );
  }
  return diagnostic(
    'DLV_QUERY_EMPTY_SEGMENT',
    'Empty pipeline segment: there is no command between two pipes (write || for a literal pipe).',
    seg.pipeBefore ?? seg.rawSpan,
  );
}

/** Best-effort command name for a segment that failed to tokenize. */
function firstWord(seg: Segment): string {
  const m = /^\s*([^\s'"\\#]+)/.exec(seg.source);
  return m?.[1] ?? '';
}
