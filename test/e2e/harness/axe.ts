/**
 * axe-core in the page without weakening CSP: the source is evaluated through the DevTools protocol
 * (page.evaluate of a string), which Content-Security-Policy does not govern, instead of an injected <script> tag.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface AxeOptions {
  /** CSS selectors to leave out (e.g. a third-party widget). */
  exclude?: string[];
  /** Rule ids to skip, each with a reason in the calling test. */
  disableRules?: string[];
  /** Impacts that count (default serious and critical). */
  impacts?: string[];
}

/** Runs axe on the current document; returns the violations of the given impacts (serious/critical by default). */
export async function axeViolations(page: Page, o: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource());
  const all = await page.evaluate(async ({ exclude, disableRules }) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; helpUrl: string; nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }> }> }> } }).axe;
    const rules: Record<string, { enabled: boolean }> = {};
    for (const r of disableRules) rules[r] = { enabled: false };
    const context = exclude.length > 0 ? { exclude } : document;
    const r = await axe.run(context, { resultTypes: ['violations'], rules });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 300), summary: n.failureSummary ?? '' })),
    }));
  }, { exclude: o.exclude ?? [], disableRules: o.disableRules ?? [] });
  const impacts = o.impacts ?? ['serious', 'critical'];
  return all.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** A readable multi-line report for assertion messages. */
export function formatViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target}  ${n.html}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`).join('\n');
}
