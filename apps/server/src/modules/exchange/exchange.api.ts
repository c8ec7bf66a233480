import type { Tx } from '../../platform/db/client.ts';
import type { ExchangeService, VehicleRecords } from './exchange.service.ts';

import type { ExchangeRecord } from './package/package-format.ts';

/** What other modules may ask the 数据交换 module. */
export interface ExchangeApi {
  /** Adds records of a channel this zone sends to the outbox, in the caller's business transaction (masked by the channel's rules). */
  enqueue(tx: Tx, channel: string, records: readonly ExchangeRecord[]): Promise<void>;
  /** The newest version of a record received from the other zone (as it crossed: masked), or null. */
  received(channel: string, businessKey: string): Promise<Record<string, unknown> | null>;
  /**
   * G6: records received on a channel for a vehicle, found by the plate and the tail of its 整车编码 (possession factor).
   * With `heldIn` (channels of vehicle records), when there is none, also whether the vehicle is held: its newest record
   * on the first of those channels that has one (`held`), in the same round trip.
   */
  receivedForVehicle(
    channel: string,
    plate: string,
    vehicleCode: string,
    page: { limit: number; offset: number },
    heldIn?: readonly string[],
  ): Promise<VehicleRecords>;
  /** G2: the newest record received on a channel for the holder of an ID number (keyed holder digest, the number never crossed), or null. */
  receivedForHolder(channel: string, idNumber: string): Promise<Record<string, unknown> | null>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    exchange: ExchangeApi;
  }
}

export const exchangeApi = (service: ExchangeService): ExchangeApi => ({
  enqueue: (tx, channel, records) => service.enqueue(tx, channel, records),
  received: (channel, businessKey) => service.received(channel, businessKey),
  receivedForVehicle: (channel, plate, vehicleCode, page, heldIn) => service.receivedForVehicle(channel, plate, vehicleCode, page, heldIn),
  receivedForHolder: (channel, idNumber) => service.receivedForHolder(channel, idNumber),
});
