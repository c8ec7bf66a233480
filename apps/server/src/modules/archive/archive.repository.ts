import type { StatsGrouping } from '@shtp/core/archive';
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { labelCondition } from '../../platform/labels/security-labels.repository.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments, users } from '../../platform/rbac/rbac.table.ts';
import {
  archiveDailyCompleteness,
  archiveDailyStats,
  archivePages,
  archiveRequirements,
  archives,
  archiveUnopened,
  archiveWarningDigests,
} from './archive.table.ts';

export type ArchiveRow = typeof archives.$inferSelect;
export type PageRow = typeof archivePages.$inferSelect;
export type RequirementRow = typeof archiveRequirements.$inferSelect;

export interface ArchiveFilters {
  lsh?: string | undefined;
  plate?: string | undefined;
  zcbm?: string | undefined;
  ownerIdIdx?: string | undefined;
  businessType?: string | undefined;
  departmentId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  incomplete?: boolean | undefined;
}

/** Data scope by department and security label: what every read of archives includes. */
const reach = (principal: Principal) =>
  and(scopeCondition(principal, { department: archives.departmentId }), labelCondition(principal, archives.securityLabel));

/** The search's conditions (A4): the caller's reach and the filters given. */
const searchWhere = (f: ArchiveFilters, principal: Principal) =>
  and(
    reach(principal),
    f.lsh ? eq(archives.lsh, f.lsh) : undefined,
    f.plate ? eq(archives.plate, f.plate) : undefined,
    f.zcbm ? eq(archives.zcbm, f.zcbm) : undefined,
    f.ownerIdIdx ? eq(archives.ownerIdIdx, f.ownerIdIdx) : undefined,
    f.businessType ? eq(archives.businessType, f.businessType) : undefined,
    f.departmentId ? eq(archives.departmentId, f.departmentId) : undefined,
    f.from ? gte(archives.acceptedAt, sql`${f.from}::date at time zone 'Asia/Shanghai'`) : undefined,
    f.to ? lt(archives.acceptedAt, sql`(${f.to}::date + 1) at time zone 'Asia/Shanghai'`) : undefined,
    f.incomplete === undefined ? undefined : eq(archives.complete, !f.incomplete),
  );

/** A7: the rollup's days in a period, within the principal's departments. */
const statsWhere = (from: string, to: string, principal: Principal) =>
  and(gte(archiveDailyStats.day, from), lte(archiveDailyStats.day, to), scopeCondition(principal, { department: archiveDailyStats.departmentId }));

/** The never-opened businesses past the warning delay in the caller's data scope (one opened since is left out). */
function unopenedWhere(hours: number, principal: Principal) {
  const u = archiveUnopened;
  return and(
    scopeCondition(principal, { department: u.departmentId }),
    lt(u.acceptedAt, sql`now() - ${hours} * interval '1 hour'`),
    sql`not exists (select 1 from ${archives} where ${archives.businessId} = ${u.businessId})`,
  );
}

/** All SQL of the archive module. */
export const archiveRepository = {
  catalogue: (db: DbOrTx) =>
    db
      .select()
      .from(archiveRequirements)
      .orderBy(archiveRequirements.businessType, archiveRequirements.ownerType, archiveRequirements.applicant, archiveRequirements.docType),

  async catalogueEmpty(db: DbOrTx): Promise<boolean> {
    const [row] = await db.select({ n: count() }).from(archiveRequirements);
    return row!.n === 0;
  },

  async replaceCatalogue(db: DbOrTx, rows: Omit<RequirementRow, 'updatedAt'>[]): Promise<void> {
    await db.delete(archiveRequirements);
    if (rows.length) await db.insert(archiveRequirements).values(rows);
  },

  requirementsFor: (db: DbOrTx, businessType: string, ownerType: string, applicant: string) =>
    db
      .select({ docType: archiveRequirements.docType, minPages: archiveRequirements.minPages })
      .from(archiveRequirements)
      .where(
        and(eq(archiveRequirements.businessType, businessType), eq(archiveRequirements.ownerType, ownerType), eq(archiveRequirements.applicant, applicant)),
      ),

  /** The new archive (`created`), or the one a concurrent open inserted first. */
  async insertArchive(db: DbOrTx, row: typeof archives.$inferInsert): Promise<{ archive: ArchiveRow; created: boolean }> {
    const [inserted] = await db.insert(archives).values(row).onConflictDoNothing({ target: archives.businessId }).returning();
    return inserted ? { archive: inserted, created: true } : { archive: (await archiveRepository.byLsh(db, row.lsh))!, created: false };
  },

  /** A7 completeness rollup of the archive's opening day (Beijing) and department: opened, and complete now. */
  async bumpCompleteness(db: DbOrTx, archive: { createdAt: Date; departmentId: number }, opened: number, complete: number): Promise<void> {
    const t = archiveDailyCompleteness;
    const day = sql`(${archive.createdAt.toISOString()}::timestamptz at time zone 'Asia/Shanghai')::date`;
    await db
      .insert(t)
      .values({ day, departmentId: archive.departmentId, opened, complete })
      .onConflictDoUpdate({ target: [t.day, t.departmentId], set: { opened: sql`${t.opened} + ${opened}`, complete: sql`${t.complete} + ${complete}` } });
  },

  /** A7: archives opened and complete now, per department or opening day, within the principal's departments. */
  completenessStats(db: DbOrTx, from: string, to: string, by: 'department' | 'day', principal: Principal) {
    const t = archiveDailyCompleteness;
    const key = by === 'department' ? sql<string>`${t.departmentId}::text` : sql<string>`${t.day}::text`;
    const label = by === 'department' ? departments.name : sql<string>`${t.day}::text`;
    return db
      .select({ key, label, opened: sql<number>`sum(${t.opened})::int`, complete: sql<number>`sum(${t.complete})::int` })
      .from(t)
      .innerJoin(departments, eq(departments.id, t.departmentId))
      .where(and(gte(t.day, from), lte(t.day, to), scopeCondition(principal, { department: t.departmentId })))
      .groupBy(key, label)
      .limit(5000);
  },

  /** The completeness rollup's rows (opening day × department) for the Excel export, in keyset batches. */
  async *completenessRows(db: DbOrTx, from: string, to: string, principal: Principal, batchSize = 1000) {
    const t = archiveDailyCompleteness;
    let after: { day: string; departmentId: number } | undefined;
    for (;;) {
      const rows = await db
        .select({ day: t.day, departmentId: t.departmentId, departmentName: departments.name, opened: t.opened, complete: t.complete })
        .from(t)
        .innerJoin(departments, eq(departments.id, t.departmentId))
        .where(
          and(
            gte(t.day, from),
            lte(t.day, to),
            scopeCondition(principal, { department: t.departmentId }),
            after && sql`(${t.day}, ${t.departmentId}) > (${after.day}::date, ${after.departmentId})`,
          ),
        )
        .orderBy(t.day, t.departmentId)
        .limit(batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      after = rows.at(-1)!;
    }
  },

  /** A5: archives past their retention period, not disposed and not under a legal hold, oldest first. */
  async dueForDisposal(db: DbOrTx, years: number, principal: Principal) {
    const rows = await db
      .select({ a: archives, departmentName: departments.name })
      .from(archives)
      .innerJoin(departments, eq(departments.id, archives.departmentId))
      .where(
        and(reach(principal), isNull(archives.disposedAt), eq(archives.legalHold, false), lt(archives.acceptedAt, sql`now() - ${years} * interval '1 year'`)),
      )
      .orderBy(asc(archives.acceptedAt))
      .limit(500);
    return rows.map((r) => ({ ...r.a, departmentName: r.departmentName }));
  },

  /** A6: records businesses found without an archive (once each); those opened meanwhile are left out. */
  async recordUnopened(db: DbOrTx, items: { id: number; lsh: string; type: string; departmentId: number; acceptedAt: Date }[]): Promise<number> {
    if (items.length === 0) return 0;
    const opened = new Set(
      (
        await db
          .select({ id: archives.businessId })
          .from(archives)
          .where(
            inArray(
              archives.businessId,
              items.map((b) => b.id),
            ),
          )
      ).map((r) => r.id),
    );
    const rows = items
      .filter((b) => !opened.has(b.id))
      .map((b) => ({ businessId: b.id, lsh: b.lsh, businessType: b.type, departmentId: b.departmentId, acceptedAt: b.acceptedAt }));
    if (rows.length) await db.insert(archiveUnopened).values(rows).onConflictDoNothing();
    return rows.length;
  },

  async clearUnopened(db: DbOrTx, businessId: number): Promise<void> {
    await db.delete(archiveUnopened).where(eq(archiveUnopened.businessId, businessId));
  },

  /** Business types the catalogue requires any page for (a lock or a correction needs no paper: never warned). */
  async typesNeedingPages(db: DbOrTx): Promise<Set<string>> {
    const rows = await db.selectDistinct({ t: archiveRequirements.businessType }).from(archiveRequirements).where(gt(archiveRequirements.minPages, 0));
    return new Set(rows.map((r) => r.t));
  },

  /** A6: businesses accepted before the cutoff whose archive was never opened, oldest first, per department with counts. */
  async unopened(db: DbOrTx, hours: number, principal: Principal) {
    const u = archiveUnopened;
    const where = unopenedWhere(hours, principal);
    const [items, byDepartment] = await Promise.all([
      db
        .select({
          businessId: u.businessId,
          lsh: u.lsh,
          businessType: u.businessType,
          departmentId: u.departmentId,
          departmentName: departments.name,
          acceptedAt: u.acceptedAt,
        })
        .from(u)
        .innerJoin(departments, eq(departments.id, u.departmentId))
        .where(where)
        .orderBy(asc(u.acceptedAt))
        .limit(500),
      db
        .select({
          departmentId: u.departmentId,
          departmentName: departments.name,
          count: count(),
          oldestAt: sql<Date>`min(${u.acceptedAt})`.mapWith((v) => new Date(v)),
        })
        .from(u)
        .innerJoin(departments, eq(departments.id, u.departmentId))
        .where(where)
        .groupBy(u.departmentId, departments.name)
        .orderBy(desc(count())),
    ]);
    return { items, byDepartment };
  },

  /** How many never-opened businesses the caller's scope holds (立即检查's answer once its scan has run). */
  async unopenedCount(db: DbOrTx, hours: number, principal: Principal): Promise<number> {
    const [row] = await db.select({ n: count() }).from(archiveUnopened).where(unopenedWhere(hours, principal));
    return row?.n ?? 0;
  },

  async byLsh(db: DbOrTx, lsh: string): Promise<ArchiveRow | undefined> {
    const [row] = await db.select().from(archives).where(eq(archives.lsh, lsh));
    return row;
  },

  async byId(db: DbOrTx, id: number, principal: Principal | null, forUpdate = false): Promise<ArchiveRow | undefined> {
    const q = db
      .select()
      .from(archives)
      .where(and(eq(archives.id, id), principal ? reach(principal) : undefined));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },

  async byVehicle(db: DbOrTx, vehicleId: number, principal: Principal): Promise<ArchiveRow[]> {
    return db
      .select()
      .from(archives)
      .where(and(eq(archives.vehicleId, vehicleId), reach(principal)))
      .orderBy(desc(archives.acceptedAt))
      .limit(100);
  },

  pages: (db: DbOrTx, archiveId: number) =>
    db.select().from(archivePages).where(eq(archivePages.archiveId, archiveId)).orderBy(asc(archivePages.seq), asc(archivePages.id)),

  currentPages: (db: DbOrTx, archiveId: number) =>
    db
      .select()
      .from(archivePages)
      .where(and(eq(archivePages.archiveId, archiveId), isNull(archivePages.removedInVersion)))
      .orderBy(asc(archivePages.seq), asc(archivePages.id)),

  async page(db: DbOrTx, pageId: number): Promise<PageRow | undefined> {
    const [row] = await db.select().from(archivePages).where(eq(archivePages.id, pageId));
    return row;
  },

  async insertPage(db: DbOrTx, row: typeof archivePages.$inferInsert): Promise<PageRow> {
    const [inserted] = await db.insert(archivePages).values(row).returning();
    return inserted!;
  },

  /** Every content an archive's pages name (all versions: page, renditions, the PDF a page came from). */
  async contentOf(db: DbOrTx, archiveId: number): Promise<string[]> {
    const p = archivePages;
    const rows = await db
      .select({ digest: p.digest, thumb: p.thumbDigest, display: p.displayDigest, original: p.originalDigest })
      .from(p)
      .where(eq(p.archiveId, archiveId));
    return rows.flatMap((r) => [r.digest, r.thumb, r.display, r.original].filter((d): d is string => d !== null));
  },

  /** The image store's holder (A5 disposal): which of the digests pages of archives not disposed still name. */
  async contentInUse(db: DbOrTx, digests: string[]): Promise<string[]> {
    const p = archivePages;
    const found = new Set<string>();
    for (const column of [p.digest, p.thumbDigest, p.displayDigest, p.originalDigest]) {
      const rows = await db
        .selectDistinct({ d: sql<string>`${column}` })
        .from(p)
        .innerJoin(archives, eq(archives.id, p.archiveId))
        .where(and(inArray(column, digests), isNull(archives.disposedAt)));
      for (const r of rows) found.add(r.d);
    }
    return [...found];
  },

  async setSeq(db: DbOrTx, pageId: number, seq: number): Promise<void> {
    await db.update(archivePages).set({ seq }).where(eq(archivePages.id, pageId));
  },

  async removePage(db: DbOrTx, pageId: number, version: number): Promise<void> {
    await db.update(archivePages).set({ removedInVersion: version }).where(eq(archivePages.id, pageId));
  },

  async setRenditions(db: DbOrTx, pageId: number, thumbDigest: string, displayDigest: string): Promise<void> {
    await db.update(archivePages).set({ thumbDigest, displayDigest }).where(eq(archivePages.id, pageId));
  },

  async updateArchive(db: DbOrTx, id: number, values: Partial<typeof archives.$inferInsert>): Promise<void> {
    await db.update(archives).set(values).where(eq(archives.id, id));
  },

  async bumpStats(db: DbOrTx, row: { departmentId: number; officerId: number; pages: number; completed: number; delaySeconds: number }): Promise<void> {
    const t = archiveDailyStats;
    await db
      .insert(t)
      .values({
        day: sql`(now() at time zone 'Asia/Shanghai')::date`,
        departmentId: row.departmentId,
        officerId: row.officerId,
        pages: row.pages,
        archivesCompleted: row.completed,
        completionDelaySeconds: row.delaySeconds,
      })
      .onConflictDoUpdate({
        target: [t.day, t.departmentId, t.officerId],
        set: {
          pages: sql`${t.pages} + ${row.pages}`,
          archivesCompleted: sql`${t.archivesCompleted} + ${row.completed}`,
          completionDelaySeconds: sql`${t.completionDelaySeconds} + ${row.delaySeconds}`,
        },
      });
  },

  async search(db: DbOrTx, f: ArchiveFilters, principal: Principal, page: number, pageSize: number) {
    const where = searchWhere(f, principal);
    const [items, [total]] = await Promise.all([
      db
        .select({ a: archives, departmentName: departments.name })
        .from(archives)
        .innerJoin(departments, eq(departments.id, archives.departmentId))
        .where(where)
        .orderBy(desc(archives.acceptedAt), desc(archives.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(archives).where(where),
    ]);
    return { items: items.map((r) => ({ ...r.a, departmentName: r.departmentName })), total: total!.n };
  },

  /** The search's archives in its order, in keyset batches (the Excel export reads them as it writes). */
  async *searchRows(db: DbOrTx, f: ArchiveFilters, principal: Principal, batchSize = 1000) {
    // The acceptance time as text: a Date would drop its microseconds and the keyset would skip rows.
    let after: { at: string; id: number } | undefined;
    for (;;) {
      const rows = await db
        .select({ a: archives, departmentName: departments.name, at: sql<string>`${archives.acceptedAt}::text` })
        .from(archives)
        .innerJoin(departments, eq(departments.id, archives.departmentId))
        .where(and(searchWhere(f, principal), after && sql`(${archives.acceptedAt}, ${archives.id}) < (${after.at}::timestamptz, ${after.id})`))
        .orderBy(desc(archives.acceptedAt), desc(archives.id))
        .limit(batchSize);
      for (const r of rows) yield { ...r.a, departmentName: r.departmentName };
      if (rows.length < batchSize) return;
      const last = rows.at(-1)!;
      after = { at: last.at, id: last.a.id };
    }
  },

  /** A6: archives still incomplete `hours` after acceptance, oldest first, per department with counts. */
  async warnings(db: DbOrTx, hours: number, principal: Principal) {
    const overdue = and(reach(principal), eq(archives.complete, false), lt(archives.acceptedAt, sql`now() - ${hours} * interval '1 hour'`));
    const [items, byDepartment] = await Promise.all([
      db
        .select({ a: archives, departmentName: departments.name })
        .from(archives)
        .innerJoin(departments, eq(departments.id, archives.departmentId))
        .where(overdue)
        .orderBy(asc(archives.acceptedAt))
        .limit(500),
      db
        .select({
          departmentId: archives.departmentId,
          departmentName: departments.name,
          count: count(),
          oldestAt: sql<Date>`min(${archives.acceptedAt})`.mapWith((v) => new Date(v)),
        })
        .from(archives)
        .innerJoin(departments, eq(departments.id, archives.departmentId))
        .where(overdue)
        .groupBy(archives.departmentId, departments.name)
        .orderBy(desc(count())),
    ]);
    return { items: items.map((r) => ({ ...r.a, departmentName: r.departmentName })), byDepartment };
  },

  /**
   * A6 digest: today's per-department counts of archives incomplete past `hours` and of businesses past `hours` whose
   * archive was never opened (as the last scan found them), all departments (a system job).
   */
  async writeWarningDigest(db: DbOrTx, hours: number): Promise<number> {
    const rows = await queryRows<{ day: string }>(
      db,
      sql`insert into archive_warning_digests (day, department_id, incomplete, unopened, oldest_accepted_at)
          select (now() at time zone 'Asia/Shanghai')::date, department_id,
                 count(*) filter (where kind = 'incomplete')::int, count(*) filter (where kind = 'unopened')::int, min(accepted_at)
            from (select department_id, accepted_at, 'incomplete' as kind
                    from archives
                   where not complete and accepted_at < now() - ${hours} * interval '1 hour'
                  union all
                  select u.department_id, u.accepted_at, 'unopened'
                    from archive_unopened u
                   where u.accepted_at < now() - ${hours} * interval '1 hour'
                     and not exists (select 1 from archives a where a.business_id = u.business_id)) waiting
           group by department_id
          on conflict (day, department_id) do update
             set incomplete = excluded.incomplete, unopened = excluded.unopened,
                 oldest_accepted_at = excluded.oldest_accepted_at, created_at = now()
          returning day::text`,
    );
    return rows.length;
  },

  /** A6 notifications: today's digest (Beijing day) per department, with the department's path (who is responsible). */
  todaysWarningDigest: (db: DbOrTx) =>
    db
      .select({
        day: sql<string>`${archiveWarningDigests.day}::text`,
        departmentPath: departments.path,
        departmentName: departments.name,
        incomplete: archiveWarningDigests.incomplete,
        unopened: archiveWarningDigests.unopened,
      })
      .from(archiveWarningDigests)
      .innerJoin(departments, eq(departments.id, archiveWarningDigests.departmentId))
      .where(eq(archiveWarningDigests.day, sql`(now() at time zone 'Asia/Shanghai')::date`))
      .orderBy(asc(departments.path)),

  /** A6 notifications: per department, the businesses past `hours` whose archive was never opened (all departments: a job). */
  unopenedByDepartment(db: DbOrTx, hours: number) {
    const u = archiveUnopened;
    return db
      .select({ departmentPath: departments.path, departmentName: departments.name, count: count() })
      .from(u)
      .innerJoin(departments, eq(departments.id, u.departmentId))
      .where(
        and(
          lt(u.acceptedAt, sql`now() - ${hours} * interval '1 hour'`),
          sql`not exists (select 1 from ${archives} where ${archives.businessId} = ${u.businessId})`,
        ),
      )
      .groupBy(departments.path, departments.name)
      .orderBy(asc(departments.path));
  },

  /** The digests of the last `days` days within the principal's departments, newest first. */
  warningDigests: (db: DbOrTx, days: number, principal: Principal) =>
    db
      .select({
        day: sql<string>`${archiveWarningDigests.day}::text`,
        departmentId: archiveWarningDigests.departmentId,
        departmentName: departments.name,
        incomplete: archiveWarningDigests.incomplete,
        unopened: archiveWarningDigests.unopened,
        oldestAcceptedAt: archiveWarningDigests.oldestAcceptedAt,
      })
      .from(archiveWarningDigests)
      .innerJoin(departments, eq(departments.id, archiveWarningDigests.departmentId))
      .where(
        and(
          gte(archiveWarningDigests.day, sql`(now() at time zone 'Asia/Shanghai')::date - ${days - 1}::int`),
          scopeCondition(principal, { department: archiveWarningDigests.departmentId }),
        ),
      )
      .orderBy(desc(archiveWarningDigests.day), desc(archiveWarningDigests.incomplete))
      .limit(2000),

  /** A7 from the rollup (never the page table): per department, officer or day over a date range. */
  async stats(db: DbOrTx, from: string, to: string, by: StatsGrouping, principal: Principal) {
    const t = archiveDailyStats;
    const group = {
      department: { key: sql<string>`${t.departmentId}::text`, label: departments.name, order: departments.name },
      officer: {
        key: sql<string>`${t.officerId}::text`,
        label: sql<string>`coalesce(${users.displayName}, '接入应用') || '（' || ${departments.name} || '）'`,
        order: sql`coalesce(${users.displayName}, '接入应用')`,
      },
      day: { key: sql<string>`${t.day}::text`, label: sql<string>`${t.day}::text`, order: t.day },
    }[by];
    return db
      .select({
        key: group.key,
        label: group.label,
        pages: sql<number>`sum(${t.pages})::int`,
        archivesCompleted: sql<number>`sum(${t.archivesCompleted})::int`,
        averageDelayHours: sql<number | null>`round(sum(${t.completionDelaySeconds})::numeric / nullif(sum(${t.archivesCompleted}), 0) / 3600, 1)::float`,
      })
      .from(t)
      .innerJoin(departments, eq(departments.id, t.departmentId))
      .leftJoin(users, eq(users.id, t.officerId))
      .where(statsWhere(from, to, principal))
      .groupBy(group.key, group.label, group.order)
      .orderBy(group.order)
      .limit(5000);
  },

  /** The rollup's rows (day × department × officer) for the Excel export, in keyset batches: never all at once. */
  async *statsRows(db: DbOrTx, from: string, to: string, principal: Principal, batchSize = 1000) {
    const t = archiveDailyStats;
    let after: { day: string; departmentId: number; officerId: number } | undefined;
    for (;;) {
      const rows = await db
        .select({
          day: t.day,
          departmentId: t.departmentId,
          officerId: t.officerId,
          departmentName: departments.name,
          officerName: sql<string>`coalesce(${users.displayName}, '接入应用')`,
          policeNo: users.policeNo,
          pages: t.pages,
          archivesCompleted: t.archivesCompleted,
          completionDelaySeconds: t.completionDelaySeconds,
        })
        .from(t)
        .innerJoin(departments, eq(departments.id, t.departmentId))
        .leftJoin(users, eq(users.id, t.officerId))
        .where(
          and(
            statsWhere(from, to, principal),
            after && sql`(${t.day}, ${t.departmentId}, ${t.officerId}) > (${after.day}::date, ${after.departmentId}, ${after.officerId})`,
          ),
        )
        .orderBy(t.day, t.departmentId, t.officerId)
        .limit(batchSize);
      yield* rows;
      if (rows.length < batchSize) return;
      after = rows.at(-1)!;
    }
  },
};
