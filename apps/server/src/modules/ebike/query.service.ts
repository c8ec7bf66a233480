import { COLOURS, maskName, maskPhone, normalisePlate, type VehicleSearchQuery } from '@shtp/core';
import { and, eq, type SQL } from 'drizzle-orm';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { rowInScope, scopeCondition } from '../../platform/rbac/data-scope.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { departments } from '../../platform/rbac/rbac.table.ts';
import { ebikeRepository as repo } from './ebike.repository.ts';
import { nmVehicles } from './ebike.table.ts';
import { statusCodes, statusLabels } from './ebike-state.ts';
import { detailOf, summaryOf } from './ebike-view.ts';
import { INDEX_KIND, openOwner } from './vehicle-record.ts';

const MAX_RESULTS = 50;

/** E9 单项查询 and E10 PDA lookups: exact keys only (indexed), masked by default, every read audited. */
export class QueryService {
  constructor(private readonly platform: Platform) {}

  private async conditions(q: VehicleSearchQuery): Promise<SQL[]> {
    const f = this.platform.fields;
    const c: SQL[] = [];
    if (q.plate) c.push(eq(nmVehicles.plate, normalisePlate(q.plate)));
    if (q.zcbm) c.push(eq(nmVehicles.zcbm, q.zcbm));
    if (q.motorNo) c.push(eq(nmVehicles.motorNo, q.motorNo));
    if (q.idNumber) c.push(eq(nmVehicles.ownerIdIdx, await f.blindIndex(q.idNumber, INDEX_KIND.id)));
    if (q.phone) c.push(eq(nmVehicles.ownerPhoneIdx, await f.blindIndex(q.phone, INDEX_KIND.phone)));
    return c;
  }

  private rows(where: SQL | undefined) {
    return this.platform.db
      .select({ v: nmVehicles, departmentName: departments.name, departmentPath: departments.path })
      .from(nmVehicles)
      .innerJoin(departments, eq(departments.id, nmVehicles.departmentId))
      .where(where)
      .orderBy(nmVehicles.id)
      .limit(MAX_RESULTS);
  }

  async search(principal: Principal, actor: Actor, q: VehicleSearchQuery) {
    const rows = await this.rows(and(...(await this.conditions(q)), scopeCondition(principal, { department: nmVehicles.departmentId })));
    const items = [];
    for (const r of rows) {
      const owner = await openOwner(this.platform.fields, r.v);
      const v = { ...r.v, departmentName: r.departmentName, departmentPath: r.departmentPath, lockDepartmentName: null, lockDepartmentPath: null };
      items.push(summaryOf(v, owner.ownerType === '1' ? maskName(owner.name) : owner.name));
    }
    const keys = Object.keys(q).filter((k) => q[k as keyof VehicleSearchQuery]);
    await audit(this.platform.db, actor, { action: 'ebike.query', targetType: 'nm_vehicle', details: { keys, found: items.length } });
    return items;
  }

  /** The vehicle with its history; `clear` (permission checked by the route) shows personal data, audited as such. */
  async detail(principal: Principal, actor: Actor, id: number, clear: boolean) {
    const v = await repo.vehicle(this.platform.db, id);
    if (!v || !rowInScope(principal, { departmentPath: v.departmentPath })) throw notFound('车辆');
    const detail = await detailOf(this.platform.fields, v, await repo.history(this.platform.db, id), clear);
    await audit(this.platform.db, actor, { action: clear ? 'ebike.pii-view' : 'ebike.detail', targetType: 'nm_vehicle', targetId: id });
    return detail;
  }

  /**
   * E10: what the handheld shows for a plate or 整车编码, city-wide (an officer on the road meets any
   * vehicle), compact for a mobile network, personal fields masked.
   */
  async pda(actor: Actor, q: { plate?: string | undefined; zcbm?: string | undefined }, via: 'key' | 'ocr') {
    const rows = await this.rows(and(...(await this.conditions(q))));
    const items = [];
    for (const { v } of rows) {
      const owner = await openOwner(this.platform.fields, v);
      items.push({
        id: v.id,
        plate: v.plate,
        plateKind: v.plateKind,
        zcbm: v.zcbm,
        brand: v.brand,
        model: v.model,
        colours: Array.from(v.colours, (c) => COLOURS[c as keyof typeof COLOURS] ?? c).join('/'),
        status: statusLabels(statusCodes(v)).join('、'),
        owner: owner.ownerType === '1' ? maskName(owner.name) : owner.name,
        phone: maskPhone(owner.phone),
        registeredAt: v.registeredAt.toISOString(),
      });
    }
    await audit(this.platform.db, actor, { action: 'ebike.pda-query', targetType: 'nm_vehicle', details: { via, keys: Object.keys(q), found: items.length } });
    return items;
  }
}
