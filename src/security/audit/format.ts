import type { AuditRow } from './query.js';

/** Control characters, quotes, backslashes and whitespace would let a crafted username forge or split log lines. */
const NEEDS_QUOTING = /[\s"\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function show(v: string | null): string {
  if (v === null || v === '') return '-';
  return NEEDS_QUOTING.test(v) ? JSON.stringify(v).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : v;
}

function isoTime(ts: number): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? String(ts) : d.toISOString();
}

/**
 * One human-readable line: `<ISO time> <outcome> <action> <actor>@<ip> target=<target> req=<request id>`.
 * Missing values print as '-'; values with spaces or control characters are JSON-quoted, so one row is always one line.
 */
export function formatAuditRow(row: Pick<AuditRow, 'ts' | 'outcome' | 'action' | 'actor' | 'ip' | 'target' | 'requestId'>): string {
  return `${isoTime(row.ts)} ${show(row.outcome)} ${show(row.action)} ${show(row.actor)}@${show(row.ip)} target=${show(row.target)} req=${show(row.requestId)}`;
}
