import type {
  CancelBodySchema,
  ChangeBodySchema,
  CorrectBodySchema,
  EbikeBusinessType,
  LockBodySchema,
  RecoverBodySchema,
  RegisterBody,
  ReplacePlateBodySchema,
  TheftBodySchema,
  TransferBodySchema,
  UnlockBodySchema,
} from '@shtp/core/ebike';
import { CANCEL_REASONS, CORRECTABLE_ITEMS, type CorrectableKey } from '@shtp/core/ebike';
import { checkIdNumber, checkUscc } from '@shtp/core/validators';
import type { z } from 'zod';
import type { Actor } from '../../platform/audit/audit.ts';
import { auditingRefusals } from '../../platform/audit/refusal.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, versionConflict } from '../../platform/http/errors.ts';
import { idempotencyKeyReused } from '../../platform/http/idempotency-key.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { businessRefusal } from './business.policy.ts';
import { correctionRefusal } from './correction.policy.ts';
import { ebikeParams } from './ebike.params.ts';
import { type BusinessRow, ebikeRepository as repo, type VehicleWithDept } from './ebike.repository.ts';
import { appendBusiness, SNAPSHOT_CONTEXT, type Snapshot } from './ebike-ledger.ts';
import { detailOf } from './ebike-view.ts';
import { fieldError, PlatePool } from './plate-pool.ts';
import type { PreregistrationLink } from './preregistration-link.ts';
import { reachableVehicle } from './vehicle-access.ts';
import { vehicleActions } from './vehicle-actions.policy.ts';
import { changesOf, recordOf, sealOwner, type VehicleRecord, vehicleColumns } from './vehicle-record.ts';

export interface Caller {
  principal: Principal;
  actor: Actor;
  /** The client's Idempotency-Key header: a retried request returns the first result. */
  requestKey?: string | undefined;
  /** The keyed digest of the request that carries the key (platform `requestDigest`); set with `requestKey`. */
  requestDigest?: string | undefined;
}

/** What one business decides, given the vehicle before it. */
interface Decision {
  after: VehicleRecord;
  ywlx?: string | null;
  ywyy?: string | null;
  reason?: string | null;
  correctsId?: number | null;
  agent?: Snapshot['agent'];
  details?: Snapshot['details'];
  /** Projection columns that are not items (lock details). */
  extra?: Record<string, unknown>;
}

type Body<S extends z.ZodType> = z.infer<S>;

export interface Settings {
  patterns: string[];
  coolingDays: number;
  uploadMaxAttempts: number;
  defaultLabel: string;
}

/** Ancestors of the principal's department, deepest first: where plate pools are looked for. */
const departmentChain = (p: Principal) => p.department.path.split('/').filter(Boolean).map(Number).reverse();

/** The eight registration businesses (E1–E8) over the append-only ledger; the vehicle row is their projection. */
export class EbikeService {
  private readonly plates = new PlatePool();

  constructor(
    private readonly platform: Platform,
    /** G13: completes an accepted 网上预登记 the registration names (absent: such a registration is refused). */
    private readonly preregistrations?: PreregistrationLink,
  ) {}

  /** Parameters are read before the transaction: on PGlite a query outside an open transaction would wait for it. */
  private async settings(): Promise<Settings> {
    const p = this.platform.params;
    return {
      patterns: await p.get(ebikeParams.platePatterns),
      coolingDays: await p.get(ebikeParams.plateCoolingDays),
      uploadMaxAttempts: await p.get(ebikeParams.uploadMaxAttempts),
      defaultLabel: await p.get(ebikeParams.defaultSecurityLabel),
    };
  }

  async register(c: Caller, body: RegisterBody) {
    const replay = await this.replayed(c);
    if (replay) return replay;
    const s = await this.settings();
    const { preregNo } = body;
    const { vehicleId, businessId } = await this.platform.db.transaction(async (tx) => {
      if (preregNo) await this.preregistrationLink().claim(tx, c.principal, preregNo, body.owner.idNumber);
      const existing = await repo.liveByZcbm(tx, body.vehicle.zcbm);
      if (existing) {
        throw conflict('ZCBM_REGISTERED', `整车编码 ${body.vehicle.zcbm} 已登记${existing.plate ? `（号牌 ${existing.plate}）` : ''}，不能重复注册`, [
          { field: 'vehicle.zcbm', message: '该整车编码已登记' },
        ]);
      }
      const record: VehicleRecord = {
        ...body.vehicle,
        hgzNo: body.vehicle.hgzNo ?? null,
        plate: null,
        plateKind: body.plateKind,
        owner: body.owner,
        stolen: false,
        locked: false,
        cancelled: false,
      };
      const id = await repo.insertVehicle(tx, {
        ...vehicleColumns(record),
        ...(await sealOwner(this.platform.fields, record.owner)),
        departmentId: c.principal.department.id,
        securityLabel: s.defaultLabel,
      });
      record.plate = await this.plates.allocate(tx, {
        departmentIds: departmentChain(c.principal),
        plateKind: body.plateKind,
        chosen: body.plateNumber,
        vehicleId: id,
        patterns: s.patterns,
      });
      await repo.updateVehicle(tx, id, 0, { plate: record.plate });
      const business = await appendBusiness(this.platform, tx, c, s.uploadMaxAttempts, {
        vehicleId: id,
        type: 'register',
        ywlx: 'A',
        snapshot: { before: null, after: record, agent: body.agent, ...(preregNo && { details: { preregNo } }) },
      });
      if (preregNo) await this.preregistrationLink().complete(tx, c.actor, preregNo, business);
      return { vehicleId: id, businessId: business.id };
    });
    return this.result(c.principal, vehicleId, businessId);
  }

  private preregistrationLink(): PreregistrationLink {
    if (!this.preregistrations) throw new Error('pre-registrations are not linked to this e-bike service');
    return this.preregistrations;
  }

  transfer(c: Caller, id: number, b: Body<typeof TransferBodySchema>) {
    return this.apply(c, 'transfer', id, b.version, async (tx, before, row, s) => {
      if (before.owner.idNumber === b.owner.idNumber) throw fieldError('owner.idNumber', '新所有人与现所有人相同，不能办理转移登记');
      const after = { ...before, owner: b.owner };
      if (b.mode === 'BB') after.plate = await this.replacePlate(tx, c, s, row, { kind: before.plateKind, chosen: b.plateNumber, old: 'recycle' });
      return { after, ywlx: 'B', ywyy: b.mode, agent: b.agent };
    });
  }

  change(c: Caller, id: number, b: Body<typeof ChangeBodySchema>) {
    return this.apply(c, 'change', id, b.version, async (tx, before, row, s) => {
      const owner = {
        ...before.owner,
        ...(b.phone !== undefined && { phone: b.phone }),
        ...(b.address !== undefined && { address: b.address }),
        ...(b.districtCode !== undefined && { districtCode: b.districtCode }),
      };
      const after: VehicleRecord = {
        ...before,
        owner,
        ...(b.colours && { colours: b.colours }),
        ...(b.batteryType && { batteryType: b.batteryType }),
        ...(b.batteryVoltage !== undefined && { batteryVoltage: b.batteryVoltage }),
      };
      // 普通 ↔ 专用 takes a number of the other series (上海市非机动车安全管理条例 art.14 ¶2).
      if (b.plateKind && b.plateKind !== before.plateKind) {
        after.plateKind = b.plateKind;
        after.plate = await this.replacePlate(tx, c, s, row, { kind: b.plateKind, chosen: b.plateNumber, old: 'recycle' });
      }
      if (changesOf(before, after).length === 0) throw fieldError('colours', '变更内容与现登记信息相同，无需变更');
      return { after, ywlx: 'D', ywyy: b.colours ? 'DC' : null };
    });
  }

  cancel(c: Caller, id: number, b: Body<typeof CancelBodySchema>) {
    return this.apply(c, 'cancel', id, b.version, async (tx, before, _row, s) => {
      // A plate that went with a stolen or lost vehicle is void; a returned one is recycled.
      if (before.plate) {
        const how = b.reason === 'stolen' || b.reason === 'lost' ? 'retire' : 'recycle';
        await this.plates.release(tx, before.plate, how, s.coolingDays);
      }
      const reason = `${CANCEL_REASONS[b.reason]}${b.note ? `：${b.note}` : ''}`;
      return { after: { ...before, cancelled: true }, ywlx: 'G', reason, details: { cancelReason: b.reason, ...(b.note ? { note: b.note } : {}) } };
    });
  }

  replacePlateBusiness(c: Caller, id: number, b: Body<typeof ReplacePlateBodySchema>) {
    return this.apply(c, 'replace_plate', id, b.version, async (tx, before, row, s) => {
      const plate = await this.replacePlate(tx, c, s, row, { kind: before.plateKind, chosen: b.plateNumber, old: b.mode === 'lost' ? 'retire' : 'recycle' });
      return { after: { ...before, plate }, ywlx: 'K', reason: b.mode === 'lost' ? '号牌遗失补领' : '号牌损坏换领', details: { replaceMode: b.mode } };
    });
  }

  theft(c: Caller, id: number, b: Body<typeof TheftBodySchema>) {
    return this.apply(c, 'theft', id, b.version, async (_tx, before) => ({
      after: { ...before, stolen: true },
      reason: `${b.lostOn} 于${b.place}失窃${b.caseNo ? `，报案编号 ${b.caseNo}` : ''}`,
      details: { lostOn: b.lostOn, place: b.place, ...(b.caseNo ? { caseNo: b.caseNo } : {}) },
    }));
  }

  recover(c: Caller, id: number, b: Body<typeof RecoverBodySchema>) {
    return this.apply(c, 'recover', id, b.version, async (_tx, before) => ({ after: { ...before, stolen: false }, reason: b.note }));
  }

  lock(c: Caller, id: number, b: Body<typeof LockBodySchema>) {
    return this.apply(c, 'lock', id, b.version, async (_tx, before) => ({
      after: { ...before, locked: true },
      reason: b.reason,
      extra: { lockReason: b.reason, lockDepartmentId: c.principal.department.id, lockedBy: c.principal.user.displayName, lockedAt: new Date() },
    }));
  }

  unlock(c: Caller, id: number, b: Body<typeof UnlockBodySchema>) {
    return this.apply(c, 'unlock', id, b.version, async (_tx, before) => ({
      after: { ...before, locked: false },
      reason: b.reason,
      extra: { lockReason: null, lockDepartmentId: null, lockedBy: null, lockedAt: null },
    }));
  }

  correct(c: Caller, id: number, b: Body<typeof CorrectBodySchema>) {
    return this.apply(c, 'correct', id, b.version, async (tx, before) => {
      const target = await repo.business(tx, b.businessId);
      const refused = correctionRefusal(id, target, Object.keys(b.items));
      if (refused) throw fieldError(refused.field, refused.message);
      if (b.items.idNumber !== undefined) {
        const id =
          before.owner.ownerType === '1'
            ? checkIdNumber(b.items.idNumber, { label: '所有人身份证号码' })
            : checkUscc(b.items.idNumber, { label: '单位统一社会信用代码' });
        if (!id.ok) throw fieldError('items.idNumber', id.message);
        b.items.idNumber = id.value;
      }
      // A corrected ID number is sealed again below with its blind index, in this transaction (owner changed).
      const after: VehicleRecord = { ...before, owner: { ...before.owner } };
      for (const [key, value] of Object.entries(b.items)) {
        const item = CORRECTABLE_ITEMS[key as CorrectableKey];
        if (item.startsWith('owner.')) (after.owner as Record<string, unknown>)[item.slice(6)] = value;
        else (after as unknown as Record<string, unknown>)[item] = value;
      }
      if (changesOf(before, after).length === 0) throw fieldError('items', '更正内容与现登记信息相同');
      if (after.zcbm !== before.zcbm) {
        const other = await repo.liveByZcbm(tx, after.zcbm);
        if (other) throw fieldError('items.zcbm', `整车编码 ${after.zcbm} 已登记在其他车辆上`);
      }
      // An 更正 of a business 六合一 rejected repairs it: it goes up in that business's place (upload.job.ts).
      const repairOf = target!.uploadStatus === 'rejected' ? await this.repairRoot(target!) : null;
      return { after, reason: b.reason, correctsId: b.businessId, ...(repairOf !== null && { details: { repairOf: String(repairOf) } }) };
    });
  }

  /** The first business of a repair chain: the rejected business itself, or what a rejected repair repaired. */
  private async repairRoot(target: BusinessRow): Promise<number> {
    const snapshot = JSON.parse(await this.platform.fields.decrypt(target.snapshotEnc, SNAPSHOT_CONTEXT)) as Snapshot;
    return snapshot.details?.repairOf ? Number(snapshot.details.repairOf) : target.id;
  }

  /** Allocates a new number for the vehicle and gives the old one back. */
  private async replacePlate(
    tx: Tx,
    c: Caller,
    s: Settings,
    row: VehicleWithDept,
    plate: { kind: string; chosen: string | undefined; old: 'recycle' | 'retire' },
  ) {
    const next = await this.plates.allocate(tx, {
      departmentIds: departmentChain(c.principal),
      plateKind: plate.kind,
      chosen: plate.chosen,
      vehicleId: row.id,
      patterns: s.patterns,
    });
    if (row.plate) await this.plates.release(tx, row.plate, plate.old, s.coolingDays);
    return next;
  }

  /**
   * One business on an existing vehicle, in one transaction: lock the row, check the version the officer
   * saw (optimistic locking) and the business policy (state machine, who may unlock), decide, write the
   * projection and the ledger.
   */
  private async apply(
    c: Caller,
    type: EbikeBusinessType,
    id: number,
    version: number,
    decide: (tx: Tx, before: VehicleRecord, row: VehicleWithDept, s: Settings) => Promise<Decision>,
  ) {
    const replay = await this.replayed(c);
    if (replay) return replay;
    const s = await this.settings();
    const businessId = await auditingRefusals(this.platform.db, c.actor, () =>
      this.platform.db.transaction(async (tx) => {
        const row = reachableVehicle(c.principal, await repo.vehicle(tx, id, true), `ebike.${type}`);
        if (row.version !== version) throw versionConflict();
        const refused = businessRefusal(type, row, c.principal.department);
        if (refused) throw conflict('BUSINESS_REFUSED', refused);
        const before = await recordOf(this.platform.fields, row);
        const d = await decide(tx, before, row, s);
        const ownerChanged = JSON.stringify(before.owner) !== JSON.stringify(d.after.owner);
        const updated = await repo.updateVehicle(tx, id, version, {
          ...vehicleColumns(d.after),
          ...(ownerChanged ? await sealOwner(this.platform.fields, d.after.owner) : {}),
          ...d.extra,
        });
        if (!updated) throw versionConflict();
        const business = await appendBusiness(this.platform, tx, c, s.uploadMaxAttempts, {
          vehicleId: id,
          type,
          ywlx: d.ywlx,
          ywyy: d.ywyy,
          reason: d.reason,
          correctsId: d.correctsId,
          snapshot: { before, after: d.after, agent: d.agent, details: d.details },
        });
        return business.id;
      }),
    );
    return this.result(c.principal, id, businessId);
  }

  /**
   * The first result of a request retried with the same Idempotency-Key (handhelds on poor networks). The same
   * key on a different request (route, vehicle or body) is a client error, refused with 422 — never answered with
   * the first result. A key stored before digests were kept (null) cannot be compared and is honoured.
   */
  private async replayed(c: Caller) {
    if (!c.requestKey) return null;
    const key = `${c.principal.user.id}:${c.requestKey}`;
    c.requestKey = key;
    const previous = await repo.businessByRequestKey(this.platform.db, key);
    if (!previous) return null;
    if (previous.requestDigest !== null && previous.requestDigest !== c.requestDigest) {
      throw idempotencyKeyReused();
    }
    // The vehicle may have left the user's reach since (department, security label).
    await auditingRefusals(this.platform.db, c.actor, async () =>
      reachableVehicle(c.principal, await repo.vehicle(this.platform.db, previous.vehicleId), `ebike.${previous.type}`),
    );
    return this.result(c.principal, previous.vehicleId, previous.id);
  }

  private async result(principal: Principal, vehicleId: number, businessId: number) {
    const v = (await repo.vehicle(this.platform.db, vehicleId))!;
    const history = await repo.history(this.platform.db, vehicleId);
    const detail = await detailOf(this.platform.fields, v, history, 'masked', vehicleActions(principal, v, history));
    return { vehicle: detail, business: detail.businesses.find((b) => b.id === businessId)! };
  }
}
