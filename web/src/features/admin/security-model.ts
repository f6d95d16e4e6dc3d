/** Security status page helpers: findings grouped by severity and badge levels. Pure, unit-tested. */
import type { SecurityFinding, Severity } from './admin-types';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

/** Findings grouped by severity in the order error, warning, info (unknown severities count as info). */
export function groupFindings(findings: readonly SecurityFinding[]): { severity: Severity; findings: SecurityFinding[] }[] {
  const groups = new Map<Severity, SecurityFinding[]>(SEVERITIES.map((s) => [s, []]));
  for (const f of findings) {
    const sev: Severity = SEVERITIES.includes(f.severity) ? f.severity : 'info';
    groups.get(sev)?.push(f);
  }
  return SEVERITIES.map((severity) => ({ severity, findings: groups.get(severity) ?? [] })).filter((g) => g.findings.length > 0);
}

export type BadgeLevel = 'ok' | 'warn' | 'bad' | 'neutral';
export const badgeClass = (l: BadgeLevel): string => (l === 'neutral' ? 'badge' : `badge badge-${l}`);
export const severityLevel = (s: Severity): BadgeLevel => (s === 'error' ? 'bad' : s === 'warning' ? 'warn' : 'neutral');

/** Certificate expiry: expired (bad), under 30 days (warn), otherwise ok; neutral when unknown. */
export function certLevel(daysLeft: number | null | undefined): BadgeLevel {
  if (daysLeft === null || daysLeft === undefined || !Number.isFinite(daysLeft)) return 'neutral';
  if (daysLeft < 0) return 'bad';
  if (daysLeft < 30) return 'warn';
  return 'ok';
}

export function daysLeftText(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined || !Number.isFinite(daysLeft)) return 'unknown';
  const d = Math.floor(daysLeft);
  if (d < 0) return `expired ${-d} day${d === -1 ? '' : 's'} ago`;
  return `${d} day${d === 1 ? '' : 's'} left`;
}
