/** The "Context (JSON)" box: empty means no local context; otherwise it must be a JSON object. */
export type ParsedContext = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string };

export function parseContext(text: string): ParsedContext {
  if (text.trim() === '') return { ok: true, value: undefined };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: 'The context must be a JSON object, e.g. {"host": "web1"}.' };
  return { ok: true, value: v as Record<string, unknown> };
}

/** Pretty JSON for a loaded context ('' for nothing). */
export function contextText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') {
    const p = parseContext(v);
    return p.ok && p.value ? JSON.stringify(p.value, null, 2) : v;
  }
  return JSON.stringify(v, null, 2) ?? '';
}
