import type { Param } from '@shtp/core/platform';
import { type Actor, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { RecordIntegrity } from '../integrity/record-integrity.ts';
import type { ParamDefinition } from './param-definition.ts';
import { paramsRepository, type StoredParam } from './params.repository.ts';

/** Values are cached per process; a change here invalidates at once, other instances pick it up within the TTL. */
const CACHE_TTL_MS = 15_000;

export class ParamsService {
  private readonly defs = new Map<string, ParamDefinition<unknown>>();
  private cache: { at: number; values: Map<string, StoredParam> } | null = null;
  private loading: Promise<Map<string, StoredParam>> | null = null;
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly integrity: RecordIntegrity,
  ) {}

  register(...defs: ParamDefinition<unknown>[]): void {
    for (const def of defs) {
      if (this.defs.has(def.key)) throw new Error(`parameter ${def.key} declared twice`);
      this.defs.set(def.key, def);
    }
  }

  private async stored(): Promise<Map<string, StoredParam>> {
    if (this.cache && Date.now() - this.cache.at <= CACHE_TTL_MS) return this.cache.values;
    // One reload for all the requests that find the cache expired at once, not one query each (N1). A load that
    // began before a change here is not kept: `generation` moves on with every change.
    if (!this.loading) {
      const generation = this.generation;
      const loading = paramsRepository.all(this.db).then((rows) => {
        const values = new Map(rows.map((r) => [r.key, r]));
        if (generation === this.generation) this.cache = { at: Date.now(), values };
        return values;
      });
      this.loading = loading;
      void loading
        .finally(() => {
          if (this.loading === loading) this.loading = null;
        })
        .catch(() => {});
    }
    return this.loading;
  }

  /** The current value, or the default when unset or no longer valid under the definition. */
  async get<T>(def: ParamDefinition<T>): Promise<T> {
    const row = (await this.stored()).get(def.key);
    if (!row) return def.defaultValue;
    const parsed = def.schema.safeParse(row.value);
    return parsed.success ? parsed.data : def.defaultValue;
  }

  async list(): Promise<Param[]> {
    const stored = await this.stored();
    return [...this.defs.values()]
      .sort((a, b) => a.module.localeCompare(b.module) || a.key.localeCompare(b.key))
      .map((def) => this.present(def, stored.get(def.key)));
  }

  async update(key: string, value: unknown, actor: Actor, permissions: ReadonlySet<string>): Promise<Param> {
    const def = this.defs.get(key);
    if (!def) throw notFound('参数');
    const needed = def.security ? 'system:param:update-security' : 'system:param:update';
    if (!permissions.has(needed)) {
      throw forbidden(def.security ? '安全参数只能由安全管理员修改' : '业务参数只能由系统管理员修改');
    }
    const parsed = def.schema.safeParse(value);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ field: ['value', ...i.path].join('.'), message: i.message }));
      throw badRequest('VALIDATION_FAILED', details[0]?.message ?? '参数值无效', details);
    }
    const before = await this.get(def);
    const row = await this.db.transaction(async (tx) => {
      const saved = await paramsRepository.upsert(tx, key, parsed.data, { id: actor.userId ?? 0, name: actor.username ?? '' });
      await this.integrity.refresh(tx, 'param', [key]);
      await audit(tx, actor, { action: 'param.update', targetType: 'param', targetId: key, details: { before, after: parsed.data } });
      return saved;
    });
    this.generation++;
    this.cache = null;
    this.loading = null;
    return this.present(def, row);
  }

  private present(def: ParamDefinition<unknown>, row: StoredParam | undefined): Param {
    const valid = row ? def.schema.safeParse(row.value).success : false;
    return {
      key: def.key,
      module: def.module,
      label: def.label,
      description: def.description,
      type: def.type,
      security: def.security,
      value: valid && row ? row.value : def.defaultValue,
      defaultValue: def.defaultValue,
      constraints: def.constraints,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedByName ?? null,
    };
  }
}
