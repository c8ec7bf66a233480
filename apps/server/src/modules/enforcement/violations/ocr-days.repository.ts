import { and, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { beijingDay, defineRollup } from '../../../platform/db/rollup.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfViolations, enfOcrDays as t } from '../enforcement.table.ts';

/** P1 recognised fields per Beijing day of the ticket, department and field (N2/N3), raised with the ticket's insert. */
export const OCR_DAYS = defineRollup(t, [t.day, t.departmentId, t.field], [t.recognised, t.corrected, t.confidenceSum]);

/** The rollup rows of the tickets `where` selects (a ticket's insert adds its own; the migration backfilled the rest). */
export const ocrDaysOf = (where: SQL) =>
  sql`select ${beijingDay(enfViolations.createdAt)}, ${enfViolations.departmentId}, f->>'field', count(*)::int,
             (count(*) filter (where (f->>'corrected')::boolean))::int, coalesce(sum((f->>'confidence')::float8), 0)
        from ${enfViolations} cross join lateral jsonb_array_elements(${enfViolations.ocr}) as f
       where ${where} group by 1, 2, 3`;

/** P1 from the rollup: per field over the Beijing days [from, to] of the departments in the reader's scope. */
export function ocrAccuracyFromRollup(db: DbOrTx, principal: Principal, q: { from?: string | undefined; to?: string | undefined }) {
  return db
    .select({
      field: t.field,
      recognised: sql<number>`sum(${t.recognised})::int`,
      corrected: sql<number>`sum(${t.corrected})::int`,
      meanConfidence: sql<number>`(sum(${t.confidenceSum}) / sum(${t.recognised}))::float8`,
    })
    .from(t)
    .where(and(scopeCondition(principal, { department: t.departmentId }), q.from ? gte(t.day, q.from) : undefined, q.to ? lte(t.day, q.to) : undefined))
    .groupBy(t.field)
    .orderBy(t.field);
}
