/** renderTemplate: render one query segment's template text (reference §4.2) without ever throwing. */
import { diagnostic, fail, ok, type Result, type Span } from '../diagnostics.js';
import { createEngine, MAX_TEMPLATE_LENGTH, RENDER_COUNT_LIMIT } from './engine.js';
import { jinjaToLiquid } from './translate.js';
import type { Liquid } from 'liquidjs';

export type TemplateContext = {
  /** The caller's global context (read-only). */
  globals?: Readonly<Record<string, unknown>>;
  /** The local context (request local_context, `set`, `events_to_context`); wins over globals. */
  locals?: Readonly<Record<string, unknown>>;
};

export type RenderOptions = {
  /** Span reported with errors (e.g. the segment's span in the whole query); default: the whole text. */
  span?: Span;
  /** Attached to the diagnostic. */
  command?: { index: number; name: string };
};

let engine: Liquid | undefined;

function errorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const first = raw.split('\n')[0] ?? '';
  const short = first.length > 300 ? `${first.slice(0, 297)}...` : first;
  return `Template error: ${short}`;
}

/** Whether `text` contains template syntax at all (`{{`, `{%` or `{#`). */
export function hasTemplateSyntax(text: string): boolean {
  return /\{[{%#]/.test(text);
}

/**
 * Render `text` (Jinja-style, see translate.ts) with `locals` over `globals`. Returns the rendered text,
 * or a DLV_QUERY_TEMPLATE diagnostic for syntax errors, unknown filters, refused tags and exceeded
 * limits. Text without template syntax is returned unchanged. Never throws.
 */
export function renderTemplate(text: string, context: TemplateContext = {}, options: RenderOptions = {}): Result<string> {
  const span = options.span ?? { start: 0, end: text.length };
  const extra = options.command === undefined ? {} : { command: options.command };
  if (!hasTemplateSyntax(text)) return ok(text);
  if (text.length > MAX_TEMPLATE_LENGTH) {
    return fail(diagnostic('DLV_QUERY_TEMPLATE', `Template error: the text is longer than ${MAX_TEMPLATE_LENGTH} characters.`, span, extra));
  }
  try {
    engine ??= createEngine();
    const scope: Record<string, unknown> = { ...(context.locals ?? {}) };
    const out = engine.parseAndRenderSync(jinjaToLiquid(text), scope, {
      globals: { ...(context.globals ?? {}) },
      ownPropertyOnly: true,
      templateLimit: RENDER_COUNT_LIMIT,
    }) as unknown;
    return ok(typeof out === 'string' ? out : String(out));
  } catch (e) {
    return fail(diagnostic('DLV_QUERY_TEMPLATE', errorMessage(e), span, extra));
  }
}
