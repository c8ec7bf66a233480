import type { Severity } from '@shtp/core/tempplate';

/** Points of a warning by its severity. */
export const SEVERITY_POINTS: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
/**
 * What the outcome of its work order does to a warning's points: confirmed (属实) triples them, unfounded (不属实)
 * cancels them (the warning was wrong), unverifiable or still open counts them once.
 */
export const OUTCOME_FACTOR = { confirmed: 3, unfounded: 0, unverifiable: 1, open: 1 } as const;
export type Outcome = keyof typeof OUTCOME_FACTOR;

export interface ScoredWarning {
  severity: string;
  /** The closed order's final result, or null while open. */
  result: string | null;
  closed: boolean;
}

export const outcomeOf = (w: ScoredWarning): Outcome => (w.closed && w.result && w.result in OUTCOME_FACTOR ? (w.result as Outcome) : 'open');

/** One warning's contribution to a subject's risk score: severity points × outcome factor (shown beside it in the profile). */
export const contribution = (w: ScoredWarning): number => (SEVERITY_POINTS[w.severity as Severity] ?? 1) * OUTCOME_FACTOR[outcomeOf(w)];

/** The formula as the console shows it. */
export const RISK_FORMULA = '风险分 = Σ 预警分值（高 3、中 2、低 1）× 结论系数（属实 ×3、不属实 ×0、无法核实或未办结 ×1）';
