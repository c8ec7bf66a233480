import { and, desc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../db/client.ts';
import { cryptoKeys } from './keys.table.ts';

export type KeyRow = typeof cryptoKeys.$inferSelect;
export type NewKeyRow = typeof cryptoKeys.$inferInsert;
/** Where encrypted values live: table, primary key column and value column (an `EncryptedColumn`). */
type ColumnRef = { table: string; id: string; column: string };

/** All SQL of the data keys, and the re-encryption of the columns they protect. */
export const keysRepository = {
  /** A purpose whose key another master key wrapped, if any. */
  async wrappedByOther(db: DbOrTx, kekId: string): Promise<string | undefined> {
    const [row] = await db.select({ purpose: cryptoKeys.purpose }).from(cryptoKeys).where(sql`${cryptoKeys.kekId} <> ${kekId}`).limit(1);
    return row?.purpose;
  },

  async insertIfMissing(db: DbOrTx, row: NewKeyRow): Promise<void> {
    await db.insert(cryptoKeys).values(row).onConflictDoNothing();
  },

  all(db: DbOrTx): Promise<KeyRow[]> {
    return db.select().from(cryptoKeys);
  },

  /** Locks the newest version of a purpose until the transaction ends; 0 when it has none. */
  async lockLatestVersion(tx: Tx, purpose: string): Promise<number> {
    const [latest] = await tx
      .select({ version: cryptoKeys.version })
      .from(cryptoKeys)
      .where(eq(cryptoKeys.purpose, purpose))
      .orderBy(desc(cryptoKeys.version))
      .limit(1)
      .for('update');
    return latest?.version ?? 0;
  },

  async retireActive(tx: Tx, purpose: string): Promise<void> {
    await tx
      .update(cryptoKeys)
      .set({ status: 'retired', retiredAt: sql`now()` })
      .where(and(eq(cryptoKeys.purpose, purpose), eq(cryptoKeys.status, 'active')));
  },

  async insert(tx: Tx, row: NewKeyRow): Promise<void> {
    await tx.insert(cryptoKeys).values(row);
  },

  /** Metadata for the key-management page: never material. */
  listed(db: DbOrTx) {
    return db
      .select({
        purpose: cryptoKeys.purpose,
        algorithm: cryptoKeys.algorithm,
        version: cryptoKeys.version,
        status: cryptoKeys.status,
        createdAt: cryptoKeys.createdAt,
        retiredAt: cryptoKeys.retiredAt,
        publicKey: cryptoKeys.publicKey,
      })
      .from(cryptoKeys)
      .orderBy(cryptoKeys.purpose, desc(cryptoKeys.version));
  },

  /** Values of an encrypted column not yet under the key version `prefix` names, locked (skipping rows others hold). */
  /** Values of the column not yet on the key version of `prefix`, a page at a time. */
  staleValues(db: DbOrTx, c: ColumnRef, prefix: string, limit: number): Promise<{ id: string | number; value: string }[]> {
    const col = sql.identifier(c.column);
    return queryRows(
      db,
      sql`select ${sql.identifier(c.id)} as id, ${col} as value from ${sql.identifier(c.table)}
          where ${col} is not null and left(${col}, ${prefix.length}) <> ${prefix} limit ${limit}`,
    );
  },

  /**
   * Replaces a value only if it is still the one read (compare and set): a row changed meanwhile — by a request or
   * by another instance's run — keeps its newer value and is seen again by the next page if still stale.
   */
  async rewriteValue(tx: Tx, c: ColumnRef, id: string | number, from: string, to: string): Promise<void> {
    const col = sql.identifier(c.column);
    await tx.execute(sql`update ${sql.identifier(c.table)} set ${col} = ${to} where ${sql.identifier(c.id)} = ${id} and ${col} = ${from}`);
  },
};
