import type { RiskSubject } from '@shtp/core/tempplate';
import { and, desc, eq, gte, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { tempplateBusinesses as b, tempplateWorkOrders as o, tempplateWarnings as w } from '../tempplate.table.ts';
import { OUTCOME_FACTOR, SEVERITY_POINTS } from './risk-score.ts';

/** The column naming each kind of subject on a business (indexed: tempplate_businesses_*_idx). */
export const SUBJECT_COLUMN = { dealer: b.dealerUscc, officer: b.officer, agent: b.agentIdIdx, holder: b.ownerIdIdx } as const;

/** risk-score.ts's formula in SQL, built from its tables so that both say the same. */
const points = sql`(case ${w.severity} ${sql.join(
  Object.entries(SEVERITY_POINTS).map(([k, v]) => sql`when ${k} then ${v}::int`),
  sql` `,
)} else 1 end) * (case when ${o.state} = 'closed' then (case ${o.finalResult} ${sql.join(
  (['confirmed', 'unfounded', 'unverifiable'] as const).map((k) => sql`when ${k} then ${OUTCOME_FACTOR[k]}::int`),
  sql` `,
)} else ${OUTCOME_FACTOR.open}::int end) else ${OUTCOME_FACTOR.open}::int end)`;

const counts = {
  warnings: sql<number>`count(*)::int`,
  confirmed: sql<number>`(count(*) filter (where ${o.state} = 'closed' and ${o.finalResult} = 'confirmed'))::int`,
  unfounded: sql<number>`(count(*) filter (where ${o.state} = 'closed' and ${o.finalResult} = 'unfounded'))::int`,
  open: sql<number>`(count(*) filter (where ${o.state} <> 'closed'))::int`,
  score: sql<number>`coalesce(sum(${points}), 0)::int`,
};

/** Warnings with their order and business, in the caller's scope. */
const inScope = (p: Principal, where: SQL | undefined) => and(scopeCondition(p, { department: w.departmentId }), where);

/** 风险画像 from the warnings (not the businesses) in the caller's scope: a warning is a few per cent of the businesses. */
export const riskRepository = {
  /** The subjects of a kind ranked by score, over the warnings of businesses issued in [from, to). */
  async ranking(db: DbOrTx, p: Principal, kind: RiskSubject, from: Date, to: Date, limit: number) {
    const key = SUBJECT_COLUMN[kind];
    return db
      .select({ key: sql<string>`${key}`, dealerName: sql<string | null>`max(${b.dealerName})`, latestBusinessId: sql<number>`max(${b.id})::int`, ...counts })
      .from(w)
      .innerJoin(o, eq(o.warningId, w.id))
      .innerJoin(b, eq(b.id, w.businessId))
      .where(inScope(p, and(isNotNull(key), gte(w.issuedAt, from), sql`${w.issuedAt} < ${to}`)))
      .groupBy(key)
      .orderBy(desc(counts.score), desc(counts.warnings))
      .limit(limit);
  },

  /** One subject's warnings per rule in the same window, with their points: what made the ranking's score. */
  async byRule(db: DbOrTx, p: Principal, kind: RiskSubject, subjectKey: string, from: Date, to: Date) {
    return db
      .select({ rule: w.rule, latestBusinessId: sql<number>`max(${b.id})::int`, dealerName: sql<string | null>`max(${b.dealerName})`, ...counts })
      .from(w)
      .innerJoin(o, eq(o.warningId, w.id))
      .innerJoin(b, eq(b.id, w.businessId))
      .where(inScope(p, and(eq(SUBJECT_COLUMN[kind], subjectKey), gte(w.issuedAt, from), sql`${w.issuedAt} < ${to}`)))
      .groupBy(w.rule)
      .orderBy(w.rule);
  },
};
