import type { Device, DeviceCapability, DeviceCreateBody, DeviceListQuery, DeviceStatus, DeviceUpdateBody } from '@shtp/core/platform';
import { sm2IsValidPublicKey, sm2NormalizePublicKey, sm2PublicKeyFromPem, sm3Hex } from '@shtp/gm';
import { type Actor, audit } from '../audit/audit.ts';
import type { Db } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { type DeviceRow, devicesRepository as repo } from './devices.repository.ts';
import { devicesWorkbookStream } from './devices-export.ts';

/** First 16 hex digits of SM3 over the uncompressed key: shown in the console and the audit log, never the key. */
export const keyFingerprint = (publicKey: string) => sm3Hex(publicKey).slice(0, 16);

/** The operator's paste (PEM, uncompressed or compressed hex) as uncompressed hex, or a field error. */
function parsePublicKey(input: string): string {
  try {
    const hex = input.includes('BEGIN') ? sm2PublicKeyFromPem(input) : sm2NormalizePublicKey(input.replace(/\s+/g, '').toLowerCase());
    if (sm2IsValidPublicKey(hex)) return hex;
  } catch {
    // reported below
  }
  throw badRequest('VALIDATION_FAILED', 'SM2 公钥无效', [{ field: 'publicKey', message: '须为 SM2 公钥（PEM，或 04 开头的 130 位十六进制）' }]);
}

function present(r: DeviceRow): Device {
  return {
    id: r.d.id,
    code: r.d.code,
    name: r.d.name,
    departmentId: r.d.departmentId,
    departmentName: r.departmentName,
    publicKey: r.d.publicKey,
    fingerprint: keyFingerprint(r.d.publicKey),
    status: r.d.status as DeviceStatus,
    capabilities: r.d.capabilities as DeviceCapability[],
    lastSeenAt: r.d.lastSeenAt?.toISOString() ?? null,
    appVersion: r.d.appVersion,
    createdBy: r.createdByName,
    createdAt: r.d.createdAt.toISOString(),
    updatedAt: r.d.updatedAt.toISOString(),
  };
}

/** 终端管理: the register of PDA devices whose envelopes the server accepts (C1). Every change is audited. */
export class DevicesService {
  constructor(private readonly db: Db) {}

  async list(q: DeviceListQuery) {
    const { rows, total } = await repo.list(this.db, q);
    return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
  }

  /** 终端管理 as Excel, filters as the list, read in pages of 500; audited. */
  async export(q: Omit<DeviceListQuery, 'page' | 'pageSize'>, actor: Actor) {
    await audit(this.db, actor, { action: 'device.export', targetType: 'device', details: { filters: q } });
    const db = this.db;
    async function* rows() {
      for (let page = 1; ; page++) {
        const { rows } = await repo.list(db, { ...q, page, pageSize: 500 });
        yield* rows.map(present);
        if (rows.length < 500) return;
      }
    }
    return devicesWorkbookStream(rows());
  }

  async create(body: DeviceCreateBody, actor: Actor): Promise<Device> {
    const publicKey = parsePublicKey(body.publicKey);
    const id = await this.db.transaction(async (tx) => {
      if (await repo.codeTaken(tx, body.code)) {
        throw conflict('DEVICE_CODE_TAKEN', '终端编号已登记', [{ field: 'code', message: `终端编号 ${body.code} 已登记` }]);
      }
      await this.checkDepartment(tx, body.departmentId);
      const { code, name, departmentId, capabilities } = body;
      const created = await repo.insert(tx, { code, name, departmentId, capabilities, publicKey, createdBy: actor.userId });
      await audit(tx, actor, {
        action: 'device.create',
        targetType: 'device',
        targetId: code,
        details: { name, departmentId, capabilities, keyFingerprint: keyFingerprint(publicKey) },
      });
      return created;
    });
    return this.get(id);
  }

  /** Rename, move, disable/enable, change the type or replace the key; the audit record lists what changed. */
  async update(id: number, body: DeviceUpdateBody, actor: Actor): Promise<Device> {
    const publicKey = body.publicKey === undefined ? undefined : parsePublicKey(body.publicKey);
    await this.db.transaction(async (tx) => {
      const current = await repo.byId(tx, id, true);
      if (!current) throw notFound('终端');
      if (body.departmentId !== undefined) await this.checkDepartment(tx, body.departmentId);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const note = (field: string, before: unknown, after: unknown) => {
        if (after !== undefined && after !== before) changes[field] = { before, after };
      };
      note('name', current.d.name, body.name);
      note('departmentId', current.d.departmentId, body.departmentId);
      note('status', current.d.status, body.status);
      if (body.capabilities && body.capabilities.join() !== current.d.capabilities.join()) {
        changes.capabilities = { before: current.d.capabilities, after: body.capabilities };
      }
      if (publicKey !== undefined && publicKey !== current.d.publicKey) {
        changes.keyFingerprint = { before: keyFingerprint(current.d.publicKey), after: keyFingerprint(publicKey) };
      }
      if (Object.keys(changes).length === 0) return;
      await repo.update(tx, id, { name: body.name, departmentId: body.departmentId, status: body.status, capabilities: body.capabilities, publicKey });
      const action = changes.status ? (body.status === 'disabled' ? 'device.disable' : 'device.enable') : 'device.update';
      await audit(tx, actor, { action, targetType: 'device', targetId: current.d.code, details: changes });
    });
    return this.get(id);
  }

  private async get(id: number): Promise<Device> {
    const row = await repo.byId(this.db, id);
    if (!row) throw notFound('终端');
    return present(row);
  }

  private async checkDepartment(db: Parameters<typeof repo.departmentExists>[0], id: number): Promise<void> {
    if (!(await repo.departmentExists(db, id))) {
      throw badRequest('VALIDATION_FAILED', '所属部门不存在', [{ field: 'departmentId', message: '所属部门不存在' }]);
    }
  }
}
