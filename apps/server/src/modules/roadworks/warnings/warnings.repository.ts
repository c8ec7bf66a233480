import { eq, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { rwWarnings } from '../roadworks.table.ts';
import type { FoundWarning, OtherWorks } from './warning.rules.ts';

/** A warning as stored with its case: the rule, the segment and district, and the evidence behind it. */
interface StoredWarning {
  rule: string;
  segmentId: number;
  districtCode: string | null;
  message: string;
  evidence: { label: string; items: FoundWarning['evidence'] };
}

const warningRow = (caseId: number, w: FoundWarning) => ({
  caseId,
  rule: w.rule,
  segmentId: w.segmentId,
  districtCode: w.districtCode,
  message: w.message,
  evidence: { label: w.segmentLabel, items: w.evidence },
});

/** All SQL of the R4 warnings. */
export const warningsRepository = {
  /**
   * Other cases' works on these segments whose period touches [windowStart, to]: `segment_id = any(…) and period &&
   * daterange(…)` is answered by the GiST index on (segment_id, period), never by a scan of the permits.
   */
  async othersTouching(db: DbOrTx, q: { segmentIds: number[]; windowStart: string; to: string; exceptCaseId: number }): Promise<OtherWorks[]> {
    if (q.segmentIds.length === 0) return [];
    return queryRows<OtherWorks>(
      db,
      sql`select c.case_no as "caseNo", p.segment_id as "segmentId", lower(p.period)::text as "from", (upper(p.period) - 1)::text as "to",
                 c.works_type as "worksType", c.status
          from rw_placements p join rw_cases c on c.id = p.case_id
          where p.segment_id = any(${sql.param(q.segmentIds)}::int[])
            and p.period && daterange(${q.windowStart}::date, ${q.to}::date, '[]')
            and p.case_id <> ${q.exceptCaseId} and c.status <> 'refused'
          order by lower(p.period), c.case_no`,
    );
  },

  async replace(db: DbOrTx, caseId: number, warnings: FoundWarning[]): Promise<void> {
    await db.delete(rwWarnings).where(eq(rwWarnings.caseId, caseId));
    if (warnings.length === 0) return;
    await db.insert(rwWarnings).values(warnings.map((w) => warningRow(caseId, w)));
  },

  async add(db: DbOrTx, caseId: number, w: FoundWarning): Promise<void> {
    await db.insert(rwWarnings).values(warningRow(caseId, w));
  },

  async ofCases(db: DbOrTx, caseIds: number[]) {
    if (caseIds.length === 0) return [];
    return queryRows<StoredWarning & { caseId: number }>(
      db,
      sql`select case_id as "caseId", rule, segment_id as "segmentId", district_code as "districtCode", message, evidence
          from rw_warnings where case_id = any(${sql.param(caseIds)}::int[]) order by id`,
    );
  },

  /**
   * The supervisors' list over cases not refused within `scope` (the cases' data scope): counts per district and rule,
   * counts per handling department (null: the city inbox), and the latest 200 warnings.
   */
  async summary(db: DbOrTx, f: { rule?: string | undefined; district?: string | undefined; department?: number | undefined; scope: SQL }) {
    const where = sql`rw_cases.status <> 'refused' and ${f.scope}
      ${f.rule ? sql`and w.rule = ${f.rule}` : sql``} ${f.district ? sql`and w.district_code = ${f.district}` : sql``}
      ${f.department ? sql`and rw_cases.department_id = ${f.department}` : sql``}`;
    const from = sql`rw_warnings w join rw_cases on rw_cases.id = w.case_id`;
    const byDistrict = await queryRows<{ districtCode: string; rule: string; count: number }>(
      db,
      sql`select coalesce(w.district_code, '') as "districtCode", w.rule, count(*)::int as count
          from ${from} where ${where} group by 1, 2 order by 1, 2`,
    );
    const byDepartment = await queryRows<{ departmentId: number | null; departmentName: string | null; count: number }>(
      db,
      sql`select x."departmentId", d.name as "departmentName", x.count from (
            select rw_cases.department_id as "departmentId", count(*)::int as count from ${from} where ${where} group by 1
          ) x left join departments d on d.id = x."departmentId" order by x.count desc, d.path nulls first`,
    );
    const items = await queryRows<StoredWarning & { caseNo: string; departmentName: string | null }>(
      db,
      sql`select rw_cases.case_no as "caseNo", d.name as "departmentName", w.rule, w.segment_id as "segmentId", w.district_code as "districtCode",
                 w.message, w.evidence
          from ${from} left join departments d on d.id = rw_cases.department_id where ${where}
          order by w.id desc limit 200`,
    );
    return { byDistrict, byDepartment, items };
  },

  /**
   * Approved cases whose period ended before their completion report (or before `today` while unfinished) and that
   * have no overrun warning yet.
   */
  async overrunCandidates(db: DbOrTx, today: string, limit: number) {
    return queryRows<{ caseId: number; requestedTo: string; completedAt: string | null; segmentId: number }>(
      db,
      sql`select c.id as "caseId", c.requested_to::text as "requestedTo", c.completed_at::text as "completedAt", p.segment_id as "segmentId"
          from rw_cases c join rw_placements p on p.case_id = c.id
          where c.status = 'approved' and c.requested_to < coalesce(c.completed_at, ${today}::date)
            and not exists (select 1 from rw_warnings w where w.case_id = c.id and w.rule = 'overrun' and w.segment_id = p.segment_id)
          order by c.id limit ${limit}`,
    );
  },
};
