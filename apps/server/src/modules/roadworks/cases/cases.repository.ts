import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { HubCase } from '../../../integrations/yiwangtongban/yiwangtongban.port.ts';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { scopeCondition } from '../../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { rwCases, rwPlacements } from '../roadworks.table.ts';

export type CaseRow = typeof rwCases.$inferSelect;

export interface CaseFilter {
  status?: string | undefined;
  caseNo?: string | undefined;
  applicant?: string | undefined;
  roadId?: number | undefined;
  segmentId?: number | undefined;
  district?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** The caller's data scope (casesScope), absent for the platform's own jobs. */
  scope?: SQL | undefined;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(f: CaseFilter): SQL[] {
  const c: SQL[] = [];
  if (f.scope) c.push(f.scope);
  if (f.status) c.push(eq(rwCases.status, f.status));
  if (f.caseNo) c.push(sql`${rwCases.caseNo} like ${like(f.caseNo)}`);
  if (f.applicant) c.push(sql`${rwCases.applicant} like ${like(f.applicant)}`);
  if (f.district) c.push(eq(rwCases.districtCode, f.district));
  if (f.segmentId) c.push(sql`exists (select 1 from rw_placements p where p.case_id = ${rwCases.id} and p.segment_id = ${f.segmentId})`);
  if (f.roadId)
    c.push(sql`exists (select 1 from rw_placements p join rw_segments s on s.id = p.segment_id where p.case_id = ${rwCases.id} and s.road_id = ${f.roadId})`);
  // A period filter keeps the cases whose requested period overlaps it.
  if (f.from) c.push(sql`${rwCases.requestedTo} >= ${f.from}`);
  if (f.to) c.push(sql`${rwCases.requestedFrom} <= ${f.to}`);
  return c;
}

/**
 * The cases a principal may see and act on: those still in the city inbox (no department yet) and those of the
 * departments its data scope covers.
 */
export function casesScope(principal: Principal): SQL {
  const inScope = scopeCondition(principal, { department: rwCases.departmentId });
  return inScope ? sql`(${rwCases.departmentId} is null or ${inScope})` : sql`true`;
}

/** All SQL of the 一网通办 cases and their placements. */
export const casesRepository = {
  /** Stores the cases not seen before (the case number is unique); returns how many were new. */
  async insertNew(
    db: DbOrTx,
    cases: (HubCase & {
      declaredDistrictCode?: string | undefined;
      emergency?: boolean;
      departmentId?: number;
      startedAt?: Date;
      filingDueAt?: Date;
      status?: string;
    })[],
  ): Promise<number> {
    if (cases.length === 0) return 0;
    const rows = await db.insert(rwCases).values(cases).onConflictDoNothing({ target: rwCases.caseNo }).returning({ id: rwCases.id });
    return rows.length;
  },

  async byId(db: DbOrTx, id: number, scope?: SQL): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(rwCases)
      .where(and(eq(rwCases.id, id), scope));
    return row;
  },

  async byCaseNo(db: DbOrTx, caseNo: string): Promise<CaseRow | undefined> {
    const [row] = await db.select().from(rwCases).where(eq(rwCases.caseNo, caseNo));
    return row;
  },

  async lock(db: DbOrTx, id: number, scope: SQL): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(rwCases)
      .where(and(eq(rwCases.id, id), scope))
      .for('update');
    return row;
  },

  async page(db: DbOrTx, f: CaseFilter, page: number, pageSize: number): Promise<{ rows: CaseRow[]; total: number }> {
    const where = and(...conditions(f));
    const rows = await db
      .select()
      .from(rwCases)
      .where(where)
      .orderBy(desc(rwCases.receivedAt), desc(rwCases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(rwCases).where(where);
    return { rows, total: count?.n ?? 0 };
  },

  /**
   * 工作台 counts in the caller's scope: the undecided cases (status index) and those whose decision the hub has not
   * taken; one statement over the undecided and the failed-sync rows only.
   */
  async counts(db: DbOrTx, scope: SQL, now: Date): Promise<{ received: number; filingOverdue: number; syncFailed: number }> {
    const [row] = await db
      .select({
        received: sql<number>`count(*) filter (where ${rwCases.status} = 'received')::int`,
        filingOverdue: sql<number>`count(*) filter (where ${rwCases.status} = 'received' and ${rwCases.filingDueAt} < ${now})::int`,
        syncFailed: sql<number>`count(*) filter (where ${rwCases.decisionSync} = 'failed')::int`,
      })
      .from(rwCases)
      .where(and(scope, sql`(${rwCases.status} = 'received' or ${rwCases.decisionSync} = 'failed')`));
    return row ?? { received: 0, filingOverdue: 0, syncFailed: 0 };
  },

  /** Cases matching the filter in pages by id (the Excel export streams them). */
  async after(db: DbOrTx, f: CaseFilter, afterId: number, limit: number): Promise<CaseRow[]> {
    return db
      .select()
      .from(rwCases)
      .where(and(sql`${rwCases.id} > ${afterId}`, ...conditions(f)))
      .orderBy(asc(rwCases.id))
      .limit(limit);
  },

  async placements(db: DbOrTx, caseIds: number[]) {
    if (caseIds.length === 0) return [];
    return queryRows<{ caseId: number; segmentId: number; offsetM: number | null }>(
      db,
      sql`select case_id as "caseId", segment_id as "segmentId", offset_m as "offsetM" from rw_placements where case_id = any(${sql.param(caseIds)}::int[]) order by id`,
    );
  },

  async replacePlacements(
    db: DbOrTx,
    caseId: number,
    p: { segmentId: number; offsetM: number | null }[],
    period: { from: string; to: string },
    digging: boolean,
  ): Promise<void> {
    await db.delete(rwPlacements).where(eq(rwPlacements.caseId, caseId));
    await db
      .insert(rwPlacements)
      .values(p.map((x) => ({ caseId, segmentId: x.segmentId, offsetM: x.offsetM, digging, period: `[${period.from},${period.to}]` })));
  },

  /**
   * The district of the first segment, and the department: the routed one (the district's), or else the acting one
   * takes a case still in the inbox (a department once set stays).
   */
  async setPlaced(db: DbOrTx, id: number, districtCode: string | null, to: { route: number } | { take: number | null }): Promise<void> {
    const departmentId = 'route' in to ? to.route : sql`coalesce(${rwCases.departmentId}, ${to.take})`;
    await db
      .update(rwCases)
      .set({ districtCode, departmentId, version: sql`${rwCases.version} + 1` })
      .where(eq(rwCases.id, id));
  },

  /** A decision on a case still in the inbox (refused unplaced) takes it for the deciding department too. */
  async setDecision(
    db: DbOrTx,
    id: number,
    d: { status: 'approved' | 'refused'; reason: string; decidedBy: number | null; departmentId: number | null },
  ): Promise<void> {
    await db
      .update(rwCases)
      .set({
        status: d.status,
        departmentId: sql`coalesce(${rwCases.departmentId}, ${d.departmentId})`,
        decisionReason: d.reason,
        decidedBy: d.decidedBy,
        decidedAt: new Date(),
        decisionSync: 'pending',
        version: sql`${rwCases.version} + 1`,
      })
      .where(eq(rwCases.id, id));
  },

  async setCompleted(db: DbOrTx, id: number, completedAt: string): Promise<void> {
    await db
      .update(rwCases)
      .set({ completedAt, version: sql`${rwCases.version} + 1` })
      .where(eq(rwCases.id, id));
  },

  async setDecisionSync(db: DbOrTx, id: number, sync: 'sent' | 'failed' | 'pending'): Promise<void> {
    await db.update(rwCases).set({ decisionSync: sync }).where(eq(rwCases.id, id));
  },
};
