import type { RoadworksWarningListQuerySchema, Warning } from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { casesScope } from '../cases/cases.repository.ts';
import { warningsRepository as repo } from './warnings.repository.ts';

/** R4 for supervisors: counts per district and rule and per department, and the latest warnings with their evidence. */
export class WarningsService {
  constructor(private readonly platform: Platform) {}

  /** Within the caller's data scope over cases (a case in the city inbox is everyone's), optionally one department's. */
  async list(principal: Principal, q: z.infer<typeof RoadworksWarningListQuerySchema>) {
    const { byDistrict, byDepartment, items } = await repo.summary(this.platform.db, { ...q, scope: casesScope(principal) });
    return {
      byDistrict: byDistrict.map((r) => ({ ...r, rule: r.rule as Warning['rule'] })),
      byDepartment,
      items: items.map((w) => ({
        caseNo: w.caseNo,
        departmentName: w.departmentName,
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
