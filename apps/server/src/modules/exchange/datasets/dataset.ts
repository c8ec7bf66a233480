import type { MaskRuleTable } from '@shtp/core/masking';
import type { Zone } from '../../../platform/config/config.ts';
import type { ExchangeRecord } from '../package/package-format.ts';

/** A page of changes read from a source after a watermark. */
export interface SourcePage {
  records: ExchangeRecord[];
  /** Where the next read starts (unchanged when nothing was read). */
  watermark: string | null;
}

/**
 * A data set that crosses the gap (G13): its channel, the zone that sends it, and the masking rule of every field that
 * may leave (a field without a rule is dropped, fail closed). `read` is an incremental source by watermark; data sets
 * without one are enqueued by their business transaction (`ExchangeApi.enqueue`).
 */
export interface DataSet {
  channel: string;
  businessType: string;
  schemaVersion: number;
  from: Zone;
  rules: MaskRuleTable;
  /**
   * Fields (with rule `none`) the receiving zone's business needs in clear but no table should keep so at rest: they
   * cross SM2-encrypted to the receiver's exchange key, and only the channel's applier sees them opened (`sealed-fields.ts`).
   */
  sealed?: readonly string[];
  /**
   * The field (with rule `none`) listing files that cross with the record, each `{ digest, … }` named by its SM3 in the
   * sending zone's blob store: they travel as the package's attachments (format 2) and are stored in the receiving
   * zone's blob store before the applier runs (`package/package-format.ts`).
   */
  attachments?: string;
  read?(watermark: string | null, limit: number): Promise<SourcePage>;
}

/** How long a change must be committed-old before it is read (a transaction still open may carry an earlier time). */
const SETTLE_MS = 2000;

/**
 * An incremental source over a module's "changed after a watermark" call: the watermark crosses as JSON, only changes
 * older than the settle time are read, and `toRecords` turns a page of items into exchange records.
 */
export function settledSource<W, I>(
  changedAfter: (after: W | null, settledBefore: Date, limit: number) => Promise<{ items: I[]; next: W | null }>,
  toRecords: (items: I[]) => Promise<ExchangeRecord[]> | ExchangeRecord[],
): NonNullable<DataSet['read']> {
  return async (watermark, limit) => {
    const page = await changedAfter(watermark ? (JSON.parse(watermark) as W) : null, new Date(Date.now() - SETTLE_MS), limit);
    return { records: await toRecords(page.items), watermark: page.next ? JSON.stringify(page.next) : null };
  };
}
