import type { RoadworksWarningListQuerySchema, Warning } from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';

import { warningsRepository as repo } from './warnings.repository.ts';

/** R4 for supervisors: counts per district and rule, and the latest warnings with their evidence. */
export class WarningsService {
  constructor(private readonly platform: Platform) {}

  async list(q: z.infer<typeof RoadworksWarningListQuerySchema>) {
    const { byDistrict, items } = await repo.summary(this.platform.db, q);
    return {
      byDistrict: byDistrict.map((r) => ({ ...r, rule: r.rule as Warning['rule'] })),
      items: items.map((w) => ({
        caseNo: w.caseNo,
        districtCode: w.districtCode,
        rule: w.rule as Warning['rule'],
        message: w.message,
        segmentId: w.segmentId,
        segmentLabel: w.evidence.label,
        evidence: w.evidence.items,
      })),
    };
  }
}
