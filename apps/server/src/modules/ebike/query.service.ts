import { BATTERY_TYPES, COLOURS, PII_VIEW_PURPOSES, type PiiViewBody, type VehicleSearchQuery } from '@shtp/core/ebike';
import { maskName, maskPhone } from '@shtp/core/masking';
import { normalisePlate } from '@shtp/core/validators';
import { type Actor, type AuditEvent, audit } from '../../platform/audit/audit.ts';
import { AuditedRefusal, auditingRefusals } from '../../platform/audit/refusal.ts';
import { badRequest, forbidden } from '../../platform/http/errors.ts';
import { labelAdmitted } from '../../platform/labels/security-labels.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { clearViewDecision } from './clear-view.policy.ts';
import { ebikeRepository as repo } from './ebike.repository.ts';
import { statusCodes, statusLabels } from './ebike-state.ts';
import { detailOf, type OwnerView, summaryOf } from './ebike-view.ts';
import { queryRepository, type VehicleKeys } from './query.repository.ts';
import { queryWorkbookStream } from './query-export.ts';
import { uploadRepository } from './upload/upload.repository.ts';
import { uploadSummary } from './upload/upload-order.policy.ts';
import { reachableVehicle } from './vehicle-access.ts';
import { vehicleActions } from './vehicle-actions.policy.ts';
import { INDEX_KIND, openOwner, openOwnerName } from './vehicle-record.ts';

const MAX_RESULTS = 50;

/**
 * The one audit record of a lookup: keys used and result count, never the values. Rows withheld by their security
 * label (AC-6) make it a partial refusal, recorded as such.
 */
function lookupEvent(action: string, details: Record<string, unknown>, withheld: number): AuditEvent {
  const event: AuditEvent = { action, targetType: 'nm_vehicle', details: withheld ? { ...details, withheld } : details };
  return withheld ? { ...event, result: 'failure', reason: `${withheld} 辆车的安全标记高于用户的安全标记，未返回` } : event;
}

/** E9 单项查询 and E10 PDA lookups: exact keys only (indexed), masked by default, every read audited. */
export class QueryService {
  constructor(private readonly platform: Platform) {}

  private async keys(q: VehicleSearchQuery): Promise<VehicleKeys> {
    const f = this.platform.fields;
    return {
      plate: q.plate ? normalisePlate(q.plate) : undefined,
      zcbm: q.zcbm,
      motorNo: q.motorNo,
      ownerIdIdx: q.idNumber ? await f.blindIndex(q.idNumber, INDEX_KIND.id) : undefined,
      ownerPhoneIdx: q.phone ? await f.blindIndex(q.phone, INDEX_KIND.phone) : undefined,
    };
  }

  search(principal: Principal, actor: Actor, q: VehicleSearchQuery) {
    return this.lookup(principal, actor, q, 'ebike.query');
  }

  /** The same lookup as an Excel workbook, audited as an export of its own. */
  async export(principal: Principal, actor: Actor, q: VehicleSearchQuery) {
    return queryWorkbookStream(await this.lookup(principal, actor, q, 'ebike.query.export'));
  }

  private async lookup(principal: Principal, actor: Actor, q: VehicleSearchQuery, action: string) {
    const found = await queryRepository.summariesByKeys(this.platform.db, await this.keys(q), MAX_RESULTS, principal);
    const rows = found.filter((r) => labelAdmitted(principal, r.v.securityLabel));
    const items = [];
    for (const r of rows) {
      const name = await openOwnerName(this.platform.fields, r.v);
      items.push(summaryOf({ ...r.v, departmentName: r.departmentName }, r.v.ownerType === '1' ? maskName(name) : name));
    }
    const keys = Object.keys(q).filter((k) => q[k as keyof VehicleSearchQuery]);
    await audit(this.platform.db, actor, lookupEvent(action, { keys, found: items.length }, found.length - rows.length));
    return items;
  }

  /** The vehicle with its history, owner masked; out of scope or above the user's clearance it is "not found", audited. */
  detail(principal: Principal, actor: Actor, id: number) {
    return this.view(principal, actor, id, 'ebike.detail', () => ({ view: 'masked' }));
  }

  /**
   * The owner in clear (route permission `ebike:pii-view`), for a stated purpose and reason that the audit record
   * keeps, as clear-view.policy.ts decides: the ID number keeps its birth date hidden unless the body asks for the
   * whole number and the policy allows it. A missing permission is an audited 403; a purpose that does not justify
   * the whole number (refused by the body schema first) a 400.
   */
  piiView(principal: Principal, actor: Actor, id: number, body: PiiViewBody) {
    return this.view(principal, actor, id, 'ebike.pii-view', (vehicleId) => {
      const details = { purpose: body.purpose, purposeLabel: PII_VIEW_PURPOSES[body.purpose].label, reason: body.reason, fullIdNumber: body.fullIdNumber };
      const decision = clearViewDecision(principal.permissions, body);
      if (decision.allowed) return { view: decision.view, details };
      if (!decision.missingPermission) throw badRequest('VALIDATION_FAILED', decision.reason, [{ field: 'fullIdNumber', message: decision.reason }]);
      throw new AuditedRefusal(forbidden(decision.reason), {
        action: 'ebike.pii-view',
        targetType: 'nm_vehicle',
        targetId: vehicleId,
        reason: `缺少权限 ${decision.missingPermission}`,
        details: { purpose: body.purpose, reason: body.reason, fullIdNumber: true },
      });
    });
  }

  /** One read of a vehicle, exactly one audit record whatever the outcome (AU-1). */
  private view(principal: Principal, actor: Actor, id: number, action: string, decide: (id: number) => { view: OwnerView; details?: Record<string, unknown> }) {
    const db = this.platform.db;
    return auditingRefusals(db, actor, async () => {
      const v = reachableVehicle(principal, await repo.vehicle(db, id), action);
      const { view, details } = decide(v.id);
      const history = await repo.history(db, id);
      const detail = await detailOf(this.platform.fields, v, history, view, vehicleActions(principal, v, history));
      await audit(db, actor, { action, targetType: 'nm_vehicle', targetId: id, details });
      return detail;
    });
  }

  /**
   * E10: what the handheld shows for a plate or 整车编码, city-wide (an officer on the road meets any
   * vehicle) but not above the officer's clearance, compact for a mobile network, personal fields masked.
   */
  async pda(principal: Principal, actor: Actor, q: { plate?: string | undefined; zcbm?: string | undefined }, via: 'key' | 'ocr') {
    const found = await queryRepository.byKeys(this.platform.db, await this.keys(q), MAX_RESULTS);
    const rows = found.filter((r) => labelAdmitted(principal, r.v.securityLabel));
    const unsettled = await uploadRepository.unsettledByVehicle(
      this.platform.db,
      rows.map((r) => r.v.id),
    );
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
        motorNo: v.motorNo,
        cccCertNo: v.cccCertNo,
        battery: `${BATTERY_TYPES[v.batteryType as keyof typeof BATTERY_TYPES] ?? v.batteryType} ${v.batteryVoltage}V`,
        status: statusLabels(statusCodes(v)).join('、'),
        upload: uploadSummary(unsettled.filter((u) => u.vehicleId === v.id)),
        owner: owner.ownerType === '1' ? maskName(owner.name) : owner.name,
        phone: maskPhone(owner.phone),
        registeredAt: v.registeredAt.toISOString(),
      });
    }
    await audit(this.platform.db, actor, lookupEvent('ebike.pda-query', { via, keys: Object.keys(q), found: items.length }, found.length - rows.length));
    return items;
  }
}
