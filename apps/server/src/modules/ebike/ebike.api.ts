import type { Platform } from '../../platform/platform.ts';
import { ebikeParams } from './ebike.params.ts';
import { ebikeRepository } from './ebike.repository.ts';
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

/** Where a reader of changes stopped: the last change's time (PostgreSQL text, microseconds kept) and vehicle. */
export interface ChangeWatermark {
  at: string;
  id: number;
}

/** What other modules may ask the e-bike module. */
export interface EbikeApi {
  /** The e-bike plate shapes in force (parameter `ebike.plate.patterns`): recognition reads e-bike plates with them. */
  platePatterns(): Promise<string[]>;
  /**
   * Vehicles changed after a watermark, oldest first, only changes older than `settledBefore` (a change whose
   * transaction is still open may carry an earlier time): the exchange's incremental source (G13). Null: from the start.
   */
  vehiclesChangedAfter(after: ChangeWatermark | null, settledBefore: Date, limit: number): Promise<{ items: VehicleExport[]; next: ChangeWatermark | null }>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    ebike: EbikeApi;
  }
}

export function ebikeApi(platform: Platform): EbikeApi {
  return {
    platePatterns: () => platform.params.get(ebikeParams.platePatterns),
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
