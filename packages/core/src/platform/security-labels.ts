import { z } from 'zod';

/**
 * Security labels (安全标记, GB/T 22239-2019 8.1.4.2g, SECURITY.md AC-6): an ordered code table. Important
 * objects carry a label (an e-bike record of a protected person: 敏感 or 机密), users a clearance; a user reads or
 * changes an object only if the clearance is at least the object's label — on top of roles and data scope.
 * The order of the keys is the order of the levels, lowest first (see docs/adr/0015-security-labels.md).
 */
export const SECURITY_LABELS = {
  public: '公开',
  internal: '内部',
  sensitive: '敏感',
  confidential: '机密',
} as const;
export type SecurityLabel = keyof typeof SECURITY_LABELS;

const ORDER = Object.keys(SECURITY_LABELS) as SecurityLabel[];

/** What a new record and a new user get unless someone decides otherwise. */
export const DEFAULT_SECURITY_LABEL: SecurityLabel = 'internal';

/** The level of a label, 0 for 公开; an unknown code ranks above every known one, so it fails closed. */
export function labelRank(label: string): number {
  const i = ORDER.indexOf(label as SecurityLabel);
  return i < 0 ? ORDER.length : i;
}

/** Whether a clearance admits an object of this label; an unknown clearance admits nothing. */
export function clearanceAdmits(clearance: string, label: string): boolean {
  return ORDER.includes(clearance as SecurityLabel) && labelRank(label) <= labelRank(clearance);
}

/** The labels a clearance admits, lowest first. */
export const labelsAdmittedBy = (clearance: string): SecurityLabel[] => ORDER.filter((l) => clearanceAdmits(clearance, l));

export const securityLabelField = (label: string) =>
  z.enum(ORDER as [SecurityLabel, ...SecurityLabel[]], { error: `${label}须为以下之一：${Object.values(SECURITY_LABELS).join('、')}` });
