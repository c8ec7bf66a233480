import {
  type BusinessEntry,
  COLOURS,
  EBIKE_BUSINESS_TYPES,
  type UploadStatus,
  VEHICLE_ITEM_LABELS,
  type VehicleActions,
  type VehicleDetail,
  type VehicleSummary,
} from '@shtp/core/ebike';
import { maskAddress, maskCode, maskIdNumber, maskName, maskPhone } from '@shtp/core/masking';
import type { FieldCrypto } from '../../platform/keys/field-crypto.ts';
import type { BusinessRow, VehicleRow, VehicleWithDept } from './ebike.repository.ts';
import { statusCodes, statusLabels } from './ebike-state.ts';
import { openOwner } from './vehicle-record.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * How the owner is shown (SECURITY.md §2): `masked` by default; `privileged` (a clear view with a reason) shows
 * name, phone and address but hides the birth date in a personal ID number (first 6 and last 4); `whole`
 * also shows that — only for a holder of `ebike:pii-view:full-id` with a purpose that justifies it.
 */
export type OwnerView = 'masked' | 'privileged' | 'whole';

export async function ownerView(fields: FieldCrypto, row: VehicleRow, view: OwnerView) {
  const o = await openOwner(fields, row);
  if (view === 'whole') return o;
  if (view === 'privileged') return o.ownerType === '1' ? { ...o, idNumber: maskIdNumber(o.idNumber, 'privileged') } : o;
  return {
    ownerType: o.ownerType,
    idNumber: o.ownerType === '1' ? maskIdNumber(o.idNumber) : maskCode(o.idNumber),
    name: o.ownerType === '1' ? maskName(o.name) : o.name,
    phone: maskPhone(o.phone),
    districtCode: o.districtCode,
    address: maskAddress(o.address),
  };
}

export function businessEntry(b: BusinessRow & { departmentName: string; correctsLsh: string | null }): BusinessEntry {
  return {
    id: b.id,
    lsh: b.lsh,
    type: b.type,
    typeLabel: EBIKE_BUSINESS_TYPES[b.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? b.type,
    ywlx: b.ywlx,
    ywyy: b.ywyy,
    reason: b.reason,
    changes: b.changes.map((c) => ({ ...c, label: VEHICLE_ITEM_LABELS[c.item] ?? c.item })),
    correctsLsh: b.correctsLsh,
    operator: b.operatorName,
    departmentName: b.departmentName,
    createdAt: iso(b.createdAt)!,
    upload: uploadStateOf(b),
  };
}

/** A business's 六合一 upload state as the history and 上传监控 show it. */
export function uploadStateOf(
  b: Pick<BusinessRow, 'uploadStatus' | 'uploadRemoteId' | 'uploadError' | 'uploadAttempts' | 'uploadedAt'>,
): BusinessEntry['upload'] {
  return {
    status: b.uploadStatus as UploadStatus,
    remoteId: b.uploadRemoteId,
    error: b.uploadError,
    attempts: b.uploadAttempts,
    uploadedAt: iso(b.uploadedAt),
  };
}

/** What a result line shows of a vehicle (E9 reads only these columns). */
export type SummaryFields = Pick<
  VehicleWithDept,
  | 'id'
  | 'vehicleType'
  | 'plate'
  | 'plateKind'
  | 'zcbm'
  | 'brand'
  | 'model'
  | 'stolen'
  | 'locked'
  | 'cancelled'
  | 'departmentName'
  | 'registeredAt'
  | 'securityLabel'
>;

export function summaryOf(v: SummaryFields, ownerName: string | null): VehicleSummary {
  const codes = statusCodes(v);
  return {
    id: v.id,
    vehicleType: v.vehicleType,
    plate: v.plate,
    plateKind: v.plateKind,
    zcbm: v.zcbm,
    brand: v.brand,
    model: v.model,
    statusCodes: codes,
    statusLabels: statusLabels(codes),
    ownerName,
    departmentName: v.departmentName,
    registeredAt: iso(v.registeredAt)!,
    securityLabel: v.securityLabel,
  };
}

/** The vehicle with its history and the caller's allowed actions (vehicle-actions.policy.ts), owner as `view` shows it. */
export async function detailOf(
  fields: FieldCrypto,
  v: VehicleWithDept,
  history: Parameters<typeof businessEntry>[0][],
  view: OwnerView,
  actions: VehicleActions,
): Promise<VehicleDetail> {
  const owner = await ownerView(fields, v, view);
  return {
    ...summaryOf(v, owner.name),
    motorNo: v.motorNo,
    colours: v.colours.split('').map((c) => COLOURS[c as keyof typeof COLOURS] ?? c),
    cccCertNo: v.cccCertNo,
    hgzNo: v.hgzNo,
    batteryType: v.batteryType,
    batteryVoltage: v.batteryVoltage,
    purchaseDate: v.purchaseDate,
    acquireWay: v.acquireWay,
    originProof: v.originProof,
    owner,
    stolen: v.stolen,
    locked: v.locked,
    cancelled: v.cancelled,
    lock: v.locked
      ? { reason: v.lockReason ?? '', departmentName: v.lockDepartmentName ?? '', lockedBy: v.lockedBy ?? '', lockedAt: iso(v.lockedAt) ?? '' }
      : null,
    masked: view === 'masked',
    fullIdNumber: view === 'whole',
    version: v.version,
    businesses: history.map(businessEntry),
    actions,
  };
}
