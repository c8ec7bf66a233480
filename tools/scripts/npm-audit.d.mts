// Types of npm-audit.mjs for its test.

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
export const SEVERITIES: Severity[];
export const DEFAULT_LEVEL: Severity;
export const EXIT: { clean: 0; vulnerable: 1; usage: 2; unavailable: 3 };

export interface AuditFinding {
  name: string;
  severity: Severity;
  range: string;
  advisories: { title: string; url: string }[];
  fixAvailable: boolean;
}

export type AuditResult =
  | { outcome: 'unavailable'; reason: string }
  | { outcome: 'clean' | 'vulnerable'; counts: Record<Severity, number>; dependencies: number; failing: AuditFinding[]; below: AuditFinding[] };

export function classifyAudit(stdout: string, level?: string, stderr?: string): AuditResult;
export function describeAudit(result: AuditResult, level?: string): string;
