/**
 * What tools/bench/exchange.bench.ts times (the server package exports this file only): one zone's crossing — the
 * module's own ExchangeService with its outbound sealing and inbound scan — on a bench database, with the zone's
 * exchange key given and the parameters at their defaults unless overridden. Only the vehicles set (police → internet,
 * its source not read: the bench fills the outbox itself), receipts and resend requests are wired.
 */
import type { Db } from '../../platform/db/client.ts';
import type { ParamDefinition } from '../../platform/params/param-definition.ts';
import type { Platform } from '../../platform/platform.ts';
import type { EbikeApi } from '../ebike/ebike.api.ts';
import { receiptsDataSet, resendRequestsDataSet } from './datasets/payments.dataset.ts';
import { vehiclesDataSet } from './datasets/vehicles.dataset.ts';
import { exchangeParams } from './exchange.params.ts';
import { ExchangeService } from './exchange.service.ts';
import { EXCHANGE_KEY, type ExchangeSettings } from './exchange.settings.ts';

export { exchangeParams };

export interface BenchZone {
  zone: 'police' | 'internet';
  db: Db;
  /** The zone's SM2 exchange key pair (hex). */
  key: { privateKey: string; publicKey: string };
  settings: ExchangeSettings;
  /** Parameter values by key (e.g. `exchange.maxRecordsPerPackage`); the rest at their defaults. */
  params?: Record<string, unknown>;
}

/** The zone's key ID as its manifests name it (version 1 of the exchange key). */
export const benchKeyId = (zone: BenchZone['zone']) => `${zone}-exchange:1`;

export function benchExchangeService(z: BenchZone): ExchangeService {
  const key = { version: 1, material: Buffer.from(z.key.privateKey, 'hex'), publicKey: z.key.publicKey };
  const platform = {
    config: { zone: z.zone },
    db: z.db,
    params: { get: async <T>(def: ParamDefinition<T>): Promise<T> => (z.params && def.key in z.params ? (z.params[def.key] as T) : def.defaultValue) },
    keys: {
      current: (purpose: string) => {
        if (purpose !== EXCHANGE_KEY.purpose) throw new Error(`no bench key for ${purpose}`);
        return key;
      },
    },
  } as unknown as Platform;
  const noSource = (): EbikeApi => {
    throw new Error('the exchange bench fills the outbox itself');
  };
  const dataSets = [
    vehiclesDataSet(noSource),
    receiptsDataSet('police'),
    receiptsDataSet('internet'),
    resendRequestsDataSet('police'),
    resendRequestsDataSet('internet'),
  ];
  return new ExchangeService(platform, z.settings, dataSets, new Map());
}
