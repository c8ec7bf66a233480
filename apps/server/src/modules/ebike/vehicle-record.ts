import { ACQUIRE_WAYS, BATTERY_TYPES, COLOURS, NMV_TYPES, OWNER_TYPES, type OwnerInput, PLATE_KINDS, type VehicleItems } from '@shtp/core/ebike';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '@shtp/core/masking';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import type { FieldCrypto } from '../../platform/keys/field-crypto.ts';
import type { FieldJob } from '../../platform/keys/field-seal.ts';
import type { nmVehicles } from './ebike.table.ts';

/** A vehicle's items in clear, as businesses read and write them (the row holds the owner encrypted). */
export interface VehicleRecord extends Omit<VehicleItems, 'hgzNo'> {
  hgzNo: string | null;
  plate: string | null;
  plateKind: string;
  owner: OwnerInput;
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
}

type VehicleRow = typeof nmVehicles.$inferSelect;
type OwnerColumns = Pick<
  VehicleRow,
  'ownerType' | 'ownerIdEnc' | 'ownerIdIdx' | 'ownerNameEnc' | 'ownerPhoneEnc' | 'ownerPhoneIdx' | 'ownerAddressEnc' | 'districtCode'
>;

/** Blind-index kinds: equal values of one kind match, across kinds they do not. */
export const INDEX_KIND = { id: 'owner-id', phone: 'phone' } as const;
const ctx = (column: string) => `nm_vehicles.${column}`;

/** The encrypted columns of the vehicle table, for key rotation (C4). */
export const VEHICLE_ENCRYPTED_COLUMNS = ['owner_id_enc', 'owner_name_enc', 'owner_phone_enc', 'owner_address_enc'].map((column) => ({
  table: 'nm_vehicles',
  id: 'id',
  column,
  context: ctx(column),
}));

/** What protecting an owner takes: each value to seal or index, in the order `ownerColumns` reads the results. */
export function ownerFieldJobs(o: OwnerInput): FieldJob[] {
  return [
    { seal: o.idNumber, context: ctx('owner_id_enc') },
    { index: o.idNumber, kind: INDEX_KIND.id },
    { seal: o.name, context: ctx('owner_name_enc') },
    { seal: o.phone, context: ctx('owner_phone_enc') },
    { index: o.phone, kind: INDEX_KIND.phone },
    { seal: o.address, context: ctx('owner_address_enc') },
  ];
}

/** The owner's columns from the results of `ownerFieldJobs` (here or on the CPU pool). */
export function ownerColumns(o: OwnerInput, protectedValues: string[]): OwnerColumns {
  const [ownerIdEnc, ownerIdIdx, ownerNameEnc, ownerPhoneEnc, ownerPhoneIdx, ownerAddressEnc] = protectedValues as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { ownerType: o.ownerType, ownerIdEnc, ownerIdIdx, ownerNameEnc, ownerPhoneEnc, ownerPhoneIdx, ownerAddressEnc, districtCode: o.districtCode };
}

export async function sealOwner(fields: FieldCrypto, o: OwnerInput): Promise<OwnerColumns> {
  return ownerColumns(o, await fields.protect(ownerFieldJobs(o)));
}

/** The owner's name alone, for views that show nothing else of the owner (E9 result lines). */
export function openOwnerName(fields: FieldCrypto, row: Pick<OwnerColumns, 'ownerNameEnc'>): Promise<string> {
  return fields.decrypt(row.ownerNameEnc, ctx('owner_name_enc'));
}

export async function openOwner(fields: FieldCrypto, row: OwnerColumns): Promise<OwnerInput> {
  return {
    ownerType: row.ownerType as '1',
    idNumber: await fields.decrypt(row.ownerIdEnc, ctx('owner_id_enc')),
    name: await openOwnerName(fields, row),
    phone: await fields.decrypt(row.ownerPhoneEnc, ctx('owner_phone_enc')),
    districtCode: row.districtCode as OwnerInput['districtCode'],
    address: await fields.decrypt(row.ownerAddressEnc, ctx('owner_address_enc')),
  };
}

export async function recordOf(fields: FieldCrypto, row: VehicleRow): Promise<VehicleRecord> {
  return {
    vehicleType: row.vehicleType as VehicleItems['vehicleType'],
    zcbm: row.zcbm,
    motorNo: row.motorNo,
    brand: row.brand,
    model: row.model,
    colours: row.colours.split('') as VehicleItems['colours'],
    cccCertNo: row.cccCertNo,
    hgzNo: row.hgzNo,
    batteryType: row.batteryType as VehicleItems['batteryType'],
    batteryVoltage: row.batteryVoltage,
    purchaseDate: row.purchaseDate,
    acquireWay: row.acquireWay as VehicleItems['acquireWay'],
    originProof: row.originProof,
    plate: row.plate,
    plateKind: row.plateKind,
    owner: await openOwner(fields, row),
    stolen: row.stolen,
    locked: row.locked,
    cancelled: row.cancelled,
  };
}

/** The non-owner columns of a record, for insert/update of the projection. */
export function vehicleColumns(r: VehicleRecord) {
  return {
    vehicleType: r.vehicleType,
    plate: r.plate,
    plateKind: r.plateKind,
    zcbm: r.zcbm,
    motorNo: r.motorNo,
    brand: r.brand,
    model: r.model,
    colours: r.colours.join(''),
    cccCertNo: r.cccCertNo,
    hgzNo: r.hgzNo,
    batteryType: r.batteryType,
    batteryVoltage: r.batteryVoltage,
    purchaseDate: r.purchaseDate,
    acquireWay: r.acquireWay,
    originProof: r.originProof,
    stolen: r.stolen,
    locked: r.locked,
    cancelled: r.cancelled,
  };
}

const MASKERS: Record<string, (v: string) => string | null> = {
  'owner.idNumber': (v) => maskIdNumber(v),
  'owner.name': maskName,
  'owner.phone': maskPhone,
  'owner.address': maskAddress,
};

/** Code tables of coded items, so the history reads 锂离子电池, not `lithium`. */
const CODE_LABELS: Record<string, Record<string, string>> = {
  vehicleType: NMV_TYPES,
  plateKind: PLATE_KINDS,
  batteryType: BATTERY_TYPES,
  acquireWay: ACQUIRE_WAYS,
  'owner.ownerType': OWNER_TYPES,
  'owner.districtCode': SHANGHAI_DISTRICTS,
};

function flatten(r: VehicleRecord | null): Record<string, string | null> {
  if (!r) return {};
  const { owner, colours, ...rest } = r;
  const out: Record<string, string | null> = {};
  const text = (k: string, v: unknown) =>
    v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? '是' : '否') : (CODE_LABELS[k]?.[String(v)] ?? String(v));
  for (const [k, v] of Object.entries(rest)) out[k] = text(k, v);
  out.colours = colours.map((c) => COLOURS[c as keyof typeof COLOURS] ?? c).join('/');
  for (const [k, v] of Object.entries(owner)) out[`owner.${k}`] = text(`owner.${k}`, v);
  return out;
}

/** What a business changed, item by item, with personal values masked (the history's default view). */
export function changesOf(before: VehicleRecord | null, after: VehicleRecord): { item: string; before: string | null; after: string | null }[] {
  const b = flatten(before);
  const a = flatten(after);
  const mask = (item: string, v: string | null | undefined) => (v == null ? null : (MASKERS[item]?.(v) ?? v));
  return Object.keys(a)
    .filter((item) => (b[item] ?? null) !== (a[item] ?? null))
    .map((item) => ({ item, before: mask(item, b[item]), after: mask(item, a[item]) }));
}
