import type { DictItem, DictItemBody, DictType, DictTypeBody } from '@shtp/core/platform';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { dictItems, dictTypes } from './dict.table.ts';

const typeColumns = { code: dictTypes.code, name: dictTypes.name, description: dictTypes.description, builtIn: dictTypes.builtIn, enabled: dictTypes.enabled };

export const dictRepository = {
  types(db: DbOrTx): Promise<DictType[]> {
    return db.select(typeColumns).from(dictTypes).orderBy(asc(dictTypes.code));
  },
  async type(db: DbOrTx, code: string): Promise<DictType | undefined> {
    return (await db.select(typeColumns).from(dictTypes).where(eq(dictTypes.code, code)))[0];
  },
  async insertType(db: DbOrTx, body: DictTypeBody, builtIn = false): Promise<DictType> {
    const [row] = await db
      .insert(dictTypes)
      .values({ ...body, builtIn })
      .returning(typeColumns);
    return row!;
  },
  async updateType(db: DbOrTx, code: string, body: DictTypeBody): Promise<DictType> {
    const [row] = await db
      .update(dictTypes)
      .set({ ...body, updatedAt: sql`now()` })
      .where(eq(dictTypes.code, code))
      .returning(typeColumns);
    return row!;
  },
  items(db: DbOrTx, typeCode: string): Promise<DictItem[]> {
    return db.select().from(dictItems).where(eq(dictItems.typeCode, typeCode)).orderBy(asc(dictItems.sort), asc(dictItems.id));
  },
  async item(db: DbOrTx, id: number): Promise<DictItem | undefined> {
    return (await db.select().from(dictItems).where(eq(dictItems.id, id)))[0];
  },
  async itemByValue(db: DbOrTx, typeCode: string, value: string): Promise<DictItem | undefined> {
    return (
      await db
        .select()
        .from(dictItems)
        .where(and(eq(dictItems.typeCode, typeCode), eq(dictItems.value, value)))
    )[0];
  },
  async insertItem(db: DbOrTx, typeCode: string, body: DictItemBody): Promise<DictItem> {
    const [row] = await db
      .insert(dictItems)
      .values({ ...body, typeCode })
      .returning();
    return row!;
  },
  async updateItem(db: DbOrTx, id: number, body: DictItemBody): Promise<DictItem> {
    const [row] = await db.update(dictItems).set(body).where(eq(dictItems.id, id)).returning();
    return row!;
  },
  async deleteItem(db: DbOrTx, id: number): Promise<void> {
    await db.delete(dictItems).where(eq(dictItems.id, id));
  },
};
