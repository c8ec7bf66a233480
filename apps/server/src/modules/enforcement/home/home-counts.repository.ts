import { and, eq, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enfBloodSamples, enfBreathTests, enfDetentions, enfStandardUploads, enfViolations } from '../enforcement.table.ts';
import { dayRange, type OfficerTable } from '../scoped-page.repository.ts';

const scoped = (principal: Principal, t: OfficerTable) => scopeCondition(principal, { department: t.departmentId, owner: t.officerId });
const count = sql<number>`count(*)::int`;

/** SQL of the 工作台 card of 交通执法: a few counts in the reader's data scope, each on an indexed department/created read. */
export const homeCountsRepository = {
  async violationsOn(db: DbOrTx, principal: Principal, day: string): Promise<number> {
    const [row] = await db
      .select({ n: count })
      .from(enfViolations)
      .where(and(scoped(principal, enfViolations), ...dayRange(enfViolations.createdAt, day, day)));
    return row?.n ?? 0;
  },

  async detentionsHeld(db: DbOrTx, principal: Principal): Promise<number> {
    const [row] = await db
      .select({ n: count })
      .from(enfDetentions)
      .where(and(scoped(principal, enfDetentions), isNull(enfDetentions.releasedAt)));
    return row?.n ?? 0;
  },

  /** Breath tests and blood samples whose standard upload was refused (to correct) or waits for the job's retry. */
  async openUploads(db: DbOrTx, principal: Principal): Promise<{ rejected: number; pending: number }> {
    const breath = scoped(principal, enfBreathTests);
    const blood = scoped(principal, enfBloodSamples);
    const inScope: SQL | undefined = breath && blood ? or(breath, blood) : undefined;
    const [row] = await db
      .select({
        rejected: sql<number>`count(*) filter (where ${enfStandardUploads.status} = 'rejected')::int`,
        pending: sql<number>`count(*) filter (where ${enfStandardUploads.status} = 'pending')::int`,
      })
      .from(enfStandardUploads)
      .leftJoin(enfBreathTests, and(eq(enfStandardUploads.recordType, 'breath'), eq(enfBreathTests.id, enfStandardUploads.recordId)))
      .leftJoin(enfBloodSamples, and(eq(enfStandardUploads.recordType, 'blood'), eq(enfBloodSamples.id, enfStandardUploads.recordId)))
      .where(and(ne(enfStandardUploads.status, 'done'), inScope));
    return row ?? { rejected: 0, pending: 0 };
  },
};
