import type { DictItem, DictItemBody, DictType, DictTypeBody } from '@shtp/core/platform';
import { type Actor, audit } from '../audit/audit.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { dictRepository as repo } from './dict.repository.ts';

/** A dictionary declared in code by a module: created with its items on start if missing, then owned by the administrators. */
export interface DictDeclaration {
  code: string;
  name: string;
  description?: string;
  items: { value: string; label: string }[];
}

export interface DictOption {
  value: string;
  label: string;
}

/** How long another server instance may serve options from before a change elsewhere shows. */
const CACHE_MS = 30_000;

/** Data dictionaries: cached enabled options per type, dropped on every change here and after CACHE_MS everywhere. */
export class DictService {
  private readonly declared: DictDeclaration[] = [];
  private readonly cache = new Map<string, { options: DictOption[]; at: number }>();

  constructor(private readonly db: Db) {}

  declare(...declarations: DictDeclaration[]): void {
    this.declared.push(...declarations);
  }

  /** Creates missing declared types and items; never overwrites what an administrator changed. */
  async ensureDeclared(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const d of this.declared) {
        if (!(await repo.type(tx, d.code))) await repo.insertType(tx, { code: d.code, name: d.name, description: d.description ?? '', enabled: true }, true);
        for (const [i, item] of d.items.entries()) {
          if (!(await repo.itemByValue(tx, d.code, item.value))) await repo.insertItem(tx, d.code, { ...item, sort: (i + 1) * 10, enabled: true });
        }
      }
    });
    this.cache.clear();
  }

  /** Enabled options of an enabled dictionary, for dropdowns and for validating codes. */
  async options(code: string): Promise<DictOption[]> {
    const cached = this.cache.get(code);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.options;
    const type = await repo.type(this.db, code);
    if (!type) throw notFound('字典');
    const options = type.enabled ? (await repo.items(this.db, code)).filter((i) => i.enabled).map(({ value, label }) => ({ value, label })) : [];
    this.cache.set(code, { options, at: Date.now() });
    return options;
  }

  types(): Promise<DictType[]> {
    return repo.types(this.db);
  }

  async items(code: string): Promise<DictItem[]> {
    await this.typeOrThrow(this.db, code);
    return repo.items(this.db, code);
  }

  createType(body: DictTypeBody, actor: Actor): Promise<DictType> {
    return this.change(async (tx) => {
      if (await repo.type(tx, body.code)) throw conflict('DUPLICATE', '字典代码已存在', [{ field: 'code', message: `字典代码 ${body.code} 已存在` }]);
      const row = await repo.insertType(tx, body);
      await audit(tx, actor, { action: 'dict.type.create', targetType: 'dict', targetId: body.code, details: { name: body.name } });
      return row;
    });
  }

  updateType(code: string, body: DictTypeBody, actor: Actor): Promise<DictType> {
    return this.change(async (tx) => {
      const current = await this.typeOrThrow(tx, code);
      if (body.code !== code) {
        if (current.builtIn) throw badRequest('VALIDATION_FAILED', '内置字典的代码不能修改', [{ field: 'code', message: '内置字典的代码不能修改' }]);
        if (await repo.type(tx, body.code)) throw conflict('DUPLICATE', '字典代码已存在', [{ field: 'code', message: `字典代码 ${body.code} 已存在` }]);
      }
      const row = await repo.updateType(tx, code, body);
      await audit(tx, actor, {
        action: 'dict.type.update',
        targetType: 'dict',
        targetId: code,
        details: { name: body.name, enabled: body.enabled, code: body.code === code ? undefined : body.code },
      });
      return row;
    });
  }

  createItem(code: string, body: DictItemBody, actor: Actor): Promise<DictItem> {
    return this.change(async (tx) => {
      await this.typeOrThrow(tx, code);
      await this.valueFree(tx, code, body.value, null);
      const row = await repo.insertItem(tx, code, body);
      await audit(tx, actor, { action: 'dict.item.create', targetType: 'dict', targetId: code, details: { value: body.value, label: body.label } });
      return row;
    });
  }

  updateItem(id: number, body: DictItemBody, actor: Actor): Promise<DictItem> {
    return this.change(async (tx) => {
      const current = await this.itemOrThrow(tx, id);
      await this.valueFree(tx, current.typeCode, body.value, id);
      const row = await repo.updateItem(tx, id, body);
      await audit(tx, actor, {
        action: 'dict.item.update',
        targetType: 'dict',
        targetId: current.typeCode,
        details: { id, from: { value: current.value, label: current.label, enabled: current.enabled }, to: body },
      });
      return row;
    });
  }

  deleteItem(id: number, actor: Actor): Promise<void> {
    return this.change(async (tx) => {
      const current = await this.itemOrThrow(tx, id);
      await repo.deleteItem(tx, id);
      await audit(tx, actor, {
        action: 'dict.item.delete',
        targetType: 'dict',
        targetId: current.typeCode,
        details: { value: current.value, label: current.label },
      });
    });
  }

  /** One transaction with its audit record; the cache is dropped after commit. */
  private async change<T>(fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(fn);
    this.cache.clear();
    return result;
  }

  private async typeOrThrow(db: DbOrTx, code: string): Promise<DictType> {
    const type = await repo.type(db, code);
    if (!type) throw notFound('字典');
    return type;
  }

  private async itemOrThrow(db: DbOrTx, id: number): Promise<DictItem> {
    const item = await repo.item(db, id);
    if (!item) throw notFound('字典项');
    return item;
  }

  private async valueFree(db: DbOrTx, code: string, value: string, selfId: number | null): Promise<void> {
    const other = await repo.itemByValue(db, code, value);
    if (other && other.id !== selfId) throw conflict('DUPLICATE', '字典值已存在', [{ field: 'value', message: `字典值 ${value} 已存在` }]);
  }
}
