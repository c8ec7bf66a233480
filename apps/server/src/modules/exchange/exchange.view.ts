import type { ExchangePackage } from '@shtp/core/exchange';
import type { PackageRow } from './exchange.repository.ts';

/** A package row as the console lists it (no personal data: counts, states and reasons only), with the caller's actions. */
export const packageView = (row: PackageRow, actions: ExchangePackage['actions']): ExchangePackage => ({
  id: row.id,
  packageId: row.packageId,
  direction: row.direction as ExchangePackage['direction'],
  channel: row.channel,
  sequence: row.sequence,
  previousSequence: row.previousSequence,
  businessType: row.businessType,
  recordCount: row.recordCount,
  bytes: row.bytes,
  state: row.state as ExchangePackage['state'],
  reason: row.reason,
  createdAt: row.createdAt.toISOString(),
  resentAt: row.resentAt?.toISOString() ?? null,
  confirmedAt: row.confirmedAt?.toISOString() ?? null,
  actions,
});
