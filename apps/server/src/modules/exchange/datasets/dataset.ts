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
  read?(watermark: string | null, limit: number): Promise<SourcePage>;
}
