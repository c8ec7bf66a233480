import { RULE_CODES } from '@shtp/core/tempplate';

/** `@` in a rule stands for the department that issued the temporary plate. */
export const ISSUING = '@';
const DEPT = /^\d{12}$/;

/**
 * One automatic assignment rule (T22), written `匹配:初核部门[+初核部门…]:复核部门`: the match is `*` (any warning), a
 * rule code (`T1`) or an issuing department's code; the first-check departments take turns (round robin).
 */
export interface AssignRule {
  /** The item as written: the key of its round-robin turn. */
  item: string;
  match: string;
  checks: string[];
  review: string;
}

const isDept = (s: string) => s === ISSUING || DEPT.test(s);

/** Parses one item; null when it is not of the form (the parameter's validation uses this). */
export function parseAssignRule(item: string): AssignRule | null {
  const parts = item.split(':');
  if (parts.length !== 3) return null;
  const [match, checks, review] = parts as [string, string, string];
  const list = checks.split('+');
  const matchOk = match === '*' || (RULE_CODES as string[]).includes(match) || DEPT.test(match);
  if (!matchOk || !list.every(isDept) || !isDept(review) || new Set(list).size !== list.length) return null;
  return { item, match, checks: list, review };
}

/** The first rule in the list that matches a warning of `rule` issued by the department with `issuingCode`. */
export function matchingRule(rules: readonly AssignRule[], rule: string, issuingCode: string): AssignRule | null {
  return rules.find((r) => r.match === '*' || r.match === rule || r.match === issuingCode) ?? null;
}

/** The departments (codes) of a matching rule at its `turn`: the check department rotates, `@` is the issuing one. */
export function departmentsAtTurn(r: AssignRule, turn: number, issuingCode: string): { check: string; review: string } {
  const resolve = (code: string) => (code === ISSUING ? issuingCode : code);
  return { check: resolve(r.checks[turn % r.checks.length]!), review: resolve(r.review) };
}
