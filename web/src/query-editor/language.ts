/**
 * Syntax highlighting of the pipeline language as a CodeMirror StreamLanguage: command names (first word of the
 * query and after each `|`), `--options`, `key=value` terms (key, `__lookup` suffix, `!` negation, value),
 * strings, numbers, `#` comments and `{{ }}` / `{% %}` / `{# #}` template tags. Colours come from CSS variables
 * (query-editor.css) so the light/dark switch needs no reconfiguration.
 */
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StreamParser, type StringStream } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';
import { splitLookupPath } from './vocabulary';

export interface QueryLangState {
  /** The next word is a command name (start of the query or after `|`). */
  expectCommand: boolean;
  /** Inside a quoted string spanning lines. */
  quote: "'" | '"' | null;
  /** Inside a template tag: the closer we are waiting for. */
  template: '}}' | '%}' | '#}' | null;
  /** Characters of a `__lookup` suffix still to be emitted after a term key. */
  lookupLength: number;
  /** Just emitted a term key (and suffix): the `=` comes next. */
  expectEquals: boolean;
  /** Inside the value of a `key=value` term. */
  inValue: boolean;
}

const TEMPLATE_OPEN = /^\{[{%#]/;
const CLOSERS: Record<string, '}}' | '%}' | '#}'> = { '{{': '}}', '{%': '%}', '{#': '#}' };
const NUMBER = /^[-+]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)$/;
const ATOM = /^(?:true|false|null|none)$/i;
const TERM_KEY = /^(!?)([A-Za-z_][A-Za-z0-9_]*)=/;

function isSpace(c: string | undefined): boolean {
  return c === undefined || /\s/.test(c);
}

/** At the start of a word: beginning of line, or after whitespace or a pipe. */
function atWordStart(stream: StringStream): boolean {
  const prev = stream.string[stream.start - 1];
  return stream.start === 0 || isSpace(prev) || prev === '|';
}

/** Consume the rest of a plain word (stops at whitespace, quotes, pipes, backslashes and template openers). */
function eatWordChars(stream: StringStream): void {
  while (!stream.eol()) {
    const c = stream.peek() ?? '';
    if (/\s/.test(c) || c === '"' || c === "'" || c === '|' || c === '\\') break;
    if (c === '{' && stream.match(TEMPLATE_OPEN, false)) break;
    stream.next();
  }
}

function readString(stream: StringStream, state: QueryLangState): string {
  const q = state.quote;
  while (!stream.eol()) {
    if (stream.match(TEMPLATE_OPEN, false)) return 'string';
    const c = stream.next();
    if (q === '"' && c === '\\' && (stream.peek() === '"' || stream.peek() === '\\')) {
      stream.next();
    } else if (c === q) {
      state.quote = null;
      return 'string';
    }
  }
  return 'string';
}

function token(stream: StringStream, state: QueryLangState): string | null {
  if (stream.sol()) {
    state.inValue = state.inValue && state.quote !== null;
    state.expectEquals = false;
    state.lookupLength = 0;
  }
  // template tags first: they are rendered before anything else is parsed
  if (state.template) {
    const closer = state.template;
    const style = closer === '#}' ? 'comment' : 'templateBody';
    if (stream.match(closer)) {
      state.template = null;
      return closer === '#}' ? 'comment' : 'templateTag';
    }
    while (!stream.eol() && !stream.match(closer, false)) stream.next();
    return style;
  }
  const opener = stream.match(TEMPLATE_OPEN) as RegExpMatchArray | boolean;
  if (opener && typeof opener !== 'boolean') {
    state.template = CLOSERS[opener[0]] ?? '}}';
    return state.template === '#}' ? 'comment' : 'templateTag';
  }
  if (state.quote) return readString(stream, state);
  if (state.lookupLength > 0) {
    for (let i = 0; i < state.lookupLength && !stream.eol(); i++) stream.next();
    state.lookupLength = 0;
    return 'lookup';
  }
  if (state.expectEquals) {
    state.expectEquals = false;
    if (stream.eat('=')) {
      state.inValue = true;
      return 'operator';
    }
  }
  if (stream.eatSpace()) {
    state.inValue = false;
    return null;
  }
  const c = stream.peek() ?? '';
  if (c === '#' && atWordStart(stream) && !state.inValue) {
    stream.skipToEnd();
    return 'comment';
  }
  if (c === '|') {
    if (stream.match('||')) {
      while (stream.eat('|')) { /* a run of pipes is literal */ }
      return 'escape';
    }
    stream.next();
    state.expectCommand = true;
    state.inValue = false;
    return 'pipe';
  }
  if (c === '"' || c === "'") {
    stream.next();
    state.quote = c;
    return readString(stream, state);
  }
  if (c === '\\') {
    stream.next();
    stream.next();
    return 'escape';
  }
  if (state.expectCommand) {
    state.expectCommand = false;
    eatWordChars(stream);
    return 'command';
  }
  if (state.inValue) {
    eatWordChars(stream);
    const w = stream.current();
    return NUMBER.test(w) ? 'number' : ATOM.test(w) ? 'atom' : 'value';
  }
  if (atWordStart(stream)) {
    if (c === '-' && stream.match(/^--?[A-Za-z][\w-]*/)) {
      if (stream.peek() === '=') state.expectEquals = true;
      return 'option';
    }
    const term = stream.match(TERM_KEY, false) as RegExpMatchArray | null;
    if (term) {
      if (term[1]) {
        stream.next();
        return 'negation';
      }
      const [field, suffix] = splitLookupPath(term[2] ?? '');
      for (let i = 0; i < field.length; i++) stream.next();
      state.lookupLength = suffix.length;
      state.expectEquals = true;
      return 'key';
    }
    eatWordChars(stream);
    const w = stream.current();
    if (w === '') {
      stream.next();
      return null;
    }
    return NUMBER.test(w) ? 'number' : null;
  }
  eatWordChars(stream);
  if (stream.current() === '') stream.next();
  return null;
}

export const queryParser: StreamParser<QueryLangState> = {
  name: 'delve-query',
  startState: () => ({ expectCommand: true, quote: null, template: null, lookupLength: 0, expectEquals: false, inValue: false }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: '#' } },
  tokenTable: {
    command: t.keyword,
    option: t.attributeName,
    key: t.propertyName,
    lookup: t.modifier,
    negation: t.logicOperator,
    operator: t.definitionOperator,
    value: t.special(t.string),
    string: t.string,
    number: t.number,
    atom: t.bool,
    comment: t.lineComment,
    pipe: t.separator,
    escape: t.escape,
    templateTag: t.processingInstruction,
    templateBody: t.macroName,
  },
};

export const queryLanguage = StreamLanguage.define(queryParser);

/** Token colours: CSS variables defined for both themes in query-editor.css. */
export const queryHighlightStyle = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--qe-command)', fontWeight: '600' },
  { tag: t.attributeName, color: 'var(--qe-option)' },
  { tag: t.propertyName, color: 'var(--qe-key)' },
  { tag: t.modifier, color: 'var(--qe-lookup)' },
  { tag: t.logicOperator, color: 'var(--qe-negation)', fontWeight: '700' },
  { tag: t.definitionOperator, color: 'var(--qe-muted)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--qe-string)' },
  { tag: [t.number, t.bool], color: 'var(--qe-number)' },
  { tag: t.lineComment, color: 'var(--qe-comment)', fontStyle: 'italic' },
  { tag: t.separator, color: 'var(--qe-pipe)', fontWeight: '700' },
  { tag: t.escape, color: 'var(--qe-pipe)' },
  { tag: t.processingInstruction, color: 'var(--qe-template)', fontWeight: '600' },
  { tag: t.macroName, color: 'var(--qe-template)' },
]);

export function queryHighlighting(): Extension {
  return [queryLanguage, syntaxHighlighting(queryHighlightStyle)];
}
