import { asc, gt, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { tempplateBusinesses as b } from '../tempplate.table.ts';

/** The X6 backfill's reads and writes (`origin_no` of businesses received before it was stored). */
export const originBackfillRepository = {
  /** Whether there is any business at all (a new installation's table is empty). */
  any: async (db: DbOrTx) => (await db.select({ id: b.id }).from(b).limit(1)).length > 0,

  /**
   * The next page of businesses by id after the watermark (keyset; the primary key's order), with the encrypted invoice
   * only where the number is missing: a page is bounded whatever share of the table still needs filling.
   */
  page: (db: DbOrTx, afterId: number, limit: number) =>
    db
      .select({ id: b.id, invoiceEnc: sql<string | null>`case when ${b.originNo} is null then ${b.invoiceEnc} end` })
      .from(b)
      .where(gt(b.id, afterId))
      .orderBy(asc(b.id))
      .limit(limit),

  /** Sets each business's number unless one is already there (a re-run, or a business received meanwhile): the count set. */
  fill: async (tx: DbOrTx, rows: { id: number; originNo: string }[]) => {
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.id);
    const numbers = rows.map((r) => r.originNo);
    const updated = await queryRows<{ id: number }>(
      tx,
      sql`update ${b} set origin_no = v.origin_no
          from unnest(${sql.param(ids)}::bigint[], ${sql.param(numbers)}::text[]) as v(id, origin_no)
          where ${b.id} = v.id and ${b.originNo} is null
          returning ${b.id}`,
    );
    return updated.length;
  },
};
