export type Severity = 'error' | 'warning' | 'info';

/** One `fl check --deploy` finding: a stable code, a severity, what is wrong and how to fix it. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  fix: string;
}

export const finding = (code: string, severity: Severity, message: string, fix: string): Finding => ({ code, severity, message, fix });
