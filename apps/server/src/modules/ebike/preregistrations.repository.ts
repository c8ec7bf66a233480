import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { blobHolders } from '../../platform/blobs/blobs.repository.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { scopeCondition } from '../../platform/rbac/data-scope.repository.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikePreregistrations } from './preregistrations.table.ts';

export type PreregistrationRow = typeof ebikePreregistrations.$inferSelect;
export type ReceivedPreregistration = Omit<
  typeof ebikePreregistrations.$inferInsert,
  'departmentId' | 'receivedAt' | 'status' | 'returnReason' | 'decidedAt' | 'decidedBy' | 'businessId' | 'lsh' | 'registeredAt'
>;
type Status = PreregistrationRow['status'];

export const preregistrationsRepository = {
  /** The blob store's holder: the photos of pre-registrations are kept while a row names them. */
  heldImages: blobHolders.jsonArray(ebikePreregistrations.photos, 'digest'),

  /** Inserts pre-registrations by number, a newer version only (the window's decision is kept); the department found by code. */
  async upsert(tx: Tx, rows: readonly ReceivedPreregistration[]): Promise<void> {
    if (rows.length === 0) return;
    const codes = [...new Set(rows.map((r) => r.departmentCode))];
    const found = await tx.select({ id: departments.id, code: departments.code }).from(departments).where(inArray(departments.code, codes));
    const idOf = new Map(found.map((d) => [d.code, d.id]));
    await tx
      .insert(ebikePreregistrations)
      .values(rows.map((r) => ({ ...r, departmentId: idOf.get(r.departmentCode) ?? null })))
      .onConflictDoUpdate({
        target: ebikePreregistrations.preregNo,
        set: {
          version: sql`excluded.version`,
          idNumberEnc: sql`excluded.id_number_enc`,
          nameEnc: sql`excluded.name_enc`,
          phoneEnc: sql`excluded.phone_enc`,
          plateWanted: sql`excluded.plate_wanted`,
          brand: sql`excluded.brand`,
          model: sql`excluded.model`,
          invoiceNo: sql`excluded.invoice_no`,
          photos: sql`excluded.photos`,
          receivedAt: sql`now()`,
        },
        setWhere: sql`excluded.version > ${ebikePreregistrations.version}`,
      });
  },

  /** The principal's pre-registrations (data scope of the receiving department), newest first, by status. */
  async inScope(db: DbOrTx, principal: Principal, status: Status | undefined, limit: number): Promise<PreregistrationRow[]> {
    const conditions: (SQL | undefined)[] = [
      scopeCondition(principal, { department: ebikePreregistrations.departmentId }),
      status ? eq(ebikePreregistrations.status, status) : undefined,
    ];
    return db
      .select()
      .from(ebikePreregistrations)
      .where(and(...conditions))
      .orderBy(desc(ebikePreregistrations.submittedAt))
      .limit(limit);
  },

  /** One pre-registration within the principal's data scope (undefined: none in scope), locked when asked. */
  async oneInScope(db: DbOrTx, principal: Principal, preregNo: string, forUpdate = false): Promise<PreregistrationRow | undefined> {
    const q = db
      .select()
      .from(ebikePreregistrations)
      .where(and(eq(ebikePreregistrations.preregNo, preregNo), scopeCondition(principal, { department: ebikePreregistrations.departmentId })));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  },

  /** 已登记: the 注册登记 business that completed the (locked, accepted) pre-registration. */
  async registered(tx: Tx, preregNo: string, business: { id: number; lsh: string }): Promise<PreregistrationRow> {
    const [row] = await tx
      .update(ebikePreregistrations)
      .set({ status: 'registered', businessId: business.id, lsh: business.lsh, registeredAt: sql`now()` })
      .where(eq(ebikePreregistrations.preregNo, preregNo))
      .returning();
    return row!;
  },

  async decide(tx: Tx, preregNo: string, status: 'accepted' | 'returned', reason: string | null, userId: number): Promise<PreregistrationRow> {
    const [row] = await tx
      .update(ebikePreregistrations)
      .set({ status, returnReason: reason, decidedAt: sql`now()`, decidedBy: userId })
      .where(eq(ebikePreregistrations.preregNo, preregNo))
      .returning();
    return row!;
  },
};
