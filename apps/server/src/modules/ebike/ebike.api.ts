import type { Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import { appointmentsRepository } from './appointments.repository.ts';
import { ebikeParams } from './ebike.params.ts';
import { ebikeRepository } from './ebike.repository.ts';
import { SNAPSHOT_CONTEXT, type Snapshot } from './ebike-ledger.ts';
import { type CrossedPreregistration, recordPreregistrations } from './preregistration.service.ts';
import { INDEX_KIND } from './vehicle-record.ts';

/** What the archive (and other registration consumers) know of one business of the ledger; no personal data in clear. */
export interface LedgerBusiness {
  id: number;
  lsh: string;
  type: string;
  vehicleId: number;
  plate: string | null;
  zcbm: string;
  /** '1' 个人, '2' 单位. */
  ownerType: string;
  /** Applied for by an agent. */
  withAgent: boolean;
  /** Blind index of the owner's ID number (as `ownerIdIndex` computes it). */
  ownerIdIdx: string;
  departmentId: number;
  departmentPath: string;
  securityLabel: string;
  acceptedAt: Date;
}

import { type RegistrationItem, registrationsRepository } from './registrations.repository.ts';

export type { RegistrationItem };

import { openOwner } from './vehicle-record.ts';

/** A vehicle as it may leave the e-bike module for another module (the owner in clear: the receiver masks it). */
export interface VehicleExport {
  id: number;
  plate: string | null;
  plateKind: string;
  zcbm: string;
  brand: string;
  model: string;
  colours: string;
  ownerName: string;
  ownerIdNumber: string;
  ownerPhone: string;
  districtCode: string;
  stolen: boolean;
  locked: boolean;
  cancelled: boolean;
  version: number;
  updatedAt: string;
}

/** A business as the archive's never-opened scan sees it. */
export interface AcceptedBusiness {
  id: number;
  lsh: string;
  type: string;
  departmentId: number;
  acceptedAt: Date;
}

/** Where a reader of changes stopped: the last change's time (PostgreSQL text, microseconds kept) and vehicle. */
export interface ChangeWatermark {
  at: string;
  id: number;
}

/** What other modules may ask the e-bike module. */
export interface EbikeApi {
  /** The e-bike plate shapes in force (parameter `ebike.plate.patterns`): recognition reads e-bike plates with them. */
  platePatterns(): Promise<string[]>;
  /** One business of the ledger by its 流水号, or null. */
  business(lsh: string): Promise<LedgerBusiness | null>;
  /** The blind index an owner ID number is searched by (the same as the ledger's). */
  ownerIdIndex(idNumber: string): Promise<string>;
  /**
   * Vehicles registered in [from, to), in pages by id after `afterId` (the insurance-association exchange of
   * 道路施工 R3): vehicle items only, no owner; records with a security label above 'internal' are left out.
   */
  registrations(window: { from: Date; to: Date }, afterId: number, limit: number): Promise<RegistrationItem[]>;
  /**
   * Vehicles changed after a watermark, oldest first, only changes older than `settledBefore` (a change whose
   * transaction is still open may carry an earlier time): the exchange's incremental source (G13). Null: from the start.
   */
  vehiclesChangedAfter(after: ChangeWatermark | null, settledBefore: Date, limit: number): Promise<{ items: VehicleExport[]; next: ChangeWatermark | null }>;
  /**
   * Businesses accepted in [from, to), oldest first, in pages after a watermark (null: from the start): the archive's
   * scan for businesses whose archive was never opened (A6). No personal data.
   */
  businessesAccepted(
    window: { from: Date; to: Date },
    after: ChangeWatermark | null,
    limit: number,
  ): Promise<{ items: AcceptedBusiness[]; next: ChangeWatermark | null }>;
  /** 整车编码 of the live vehicles carrying these plates (plate → code); a plate of no live e-bike is absent. */
  vehicleCodes(plates: readonly string[]): Promise<Map<string, string>>;
  /** G13: registration bookings that crossed from the internet zone (newest version wins), in the package's transaction. */
  recordAppointments(tx: Tx, items: readonly CrossedAppointment[]): Promise<void>;
  /** G13: 网上预登记 that crossed from the internet zone (newest version wins, the window's decision kept), in the package's transaction. */
  recordPreregistrations(tx: Tx, items: readonly CrossedPreregistration[]): Promise<void>;
}

/** A booking as it crossed on the exchange's `appointments` channel (ID number and phone masked). */
export interface CrossedAppointment {
  bookingNo: string;
  version: number;
  departmentCode: string;
  station: string;
  day: string;
  slot: string;
  plate: string | null;
  vin: string | null;
  idNumber: string;
  phone: string;
  state: 'booked' | 'cancelled';
  bookedAt: string;
  cancelledAt: string | null;
}

export type { CrossedPreregistration };

declare module '../app-module.ts' {
  interface ModuleApis {
    ebike: EbikeApi;
  }
}

export function ebikeApi(platform: Platform): EbikeApi {
  return {
    recordPreregistrations: (tx, items) => recordPreregistrations(platform, tx, items),
    recordAppointments: (tx, items) =>
      appointmentsRepository.upsert(
        tx,
        items.map(({ idNumber, phone, bookedAt, cancelledAt, ...a }) => ({
          ...a,
          idNumberMasked: idNumber,
          phoneMasked: phone,
          bookedAt: new Date(bookedAt),
          cancelledAt: cancelledAt ? new Date(cancelledAt) : null,
        })),
      ),
    platePatterns: () => platform.params.get(ebikeParams.platePatterns),
    ownerIdIndex: (idNumber) => platform.fields.blindIndex(idNumber, INDEX_KIND.id),
    async business(lsh) {
      const b = /^\d{13}$/.test(lsh) ? await ebikeRepository.businessByLsh(platform.db, lsh) : undefined;
      const v = b && (await ebikeRepository.vehicle(platform.db, b.vehicleId));
      if (!b || !v) return null;
      const snapshot = JSON.parse(await platform.fields.decrypt(b.snapshotEnc, SNAPSHOT_CONTEXT)) as Snapshot;
      return {
        id: b.id,
        lsh: b.lsh,
        type: b.type,
        vehicleId: v.id,
        plate: v.plate,
        zcbm: v.zcbm,
        ownerType: v.ownerType,
        withAgent: Boolean(snapshot.agent),
        ownerIdIdx: v.ownerIdIdx,
        departmentId: b.departmentId,
        departmentPath: v.departmentPath,
        securityLabel: v.securityLabel,
        acceptedAt: b.createdAt,
      };
    },
    async vehicleCodes(plates) {
      const rows = await ebikeRepository.liveCodesByPlate(platform.db, plates);
      return new Map(rows.flatMap((r) => (r.plate ? [[r.plate, r.zcbm] as const] : [])));
    },
    async businessesAccepted(window, after, limit) {
      const rows = await ebikeRepository.acceptedBetween(platform.db, window, after, limit);
      const last = rows.at(-1);
      return { items: rows.map(({ at: _, ...b }) => b), next: last ? { at: last.at, id: last.id } : after };
    },
    registrations: (window, afterId, limit) => registrationsRepository.page(platform.db, window, afterId, limit),
    async vehiclesChangedAfter(after, settledBefore, limit) {
      const rows = await ebikeRepository.changedAfter(platform.db, after, settledBefore, limit);
      const items: VehicleExport[] = [];
      for (const row of rows) {
        const owner = await openOwner(platform.fields, row);
        items.push({
          id: row.id,
          plate: row.plate,
          plateKind: row.plateKind,
          zcbm: row.zcbm,
          brand: row.brand,
          model: row.model,
          colours: row.colours,
          ownerName: owner.name,
          ownerIdNumber: owner.idNumber,
          ownerPhone: owner.phone,
          districtCode: row.districtCode,
          stolen: row.stolen,
          locked: row.locked,
          cancelled: row.cancelled,
          version: row.version,
          updatedAt: row.updatedAt.toISOString(),
        });
      }
      const last = rows.at(-1);
      return { items, next: last ? { at: last.changedAt, id: last.id } : after };
    },
  };
}
