import type { ActionDecision } from '@shtp/core/platform';
import type { RoadworksCase, Segment, Warning } from '@shtp/core/roadworks';
import type { CaseRow } from './cases.repository.ts';

export interface CaseParts {
  placements: { segmentId: number; offsetM: number | null }[];
  segments: Map<number, Segment>;
  warnings: Warning[];
  actions: Record<'place' | 'approve' | 'refuse' | 'complete', ActionDecision>;
  departmentName: string | null;
  now: Date;
}

export function caseView(c: CaseRow, parts: CaseParts): RoadworksCase {
  return {
    id: c.id,
    caseNo: c.caseNo,
    applicant: c.applicant,
    worksType: c.worksType as RoadworksCase['worksType'],
    requestedFrom: c.requestedFrom,
    requestedTo: c.requestedTo,
    lanes: c.lanes,
    trafficPlan: c.trafficPlan,
    attachments: c.attachments as RoadworksCase['attachments'],
    locationText: c.locationText,
    status: c.status as RoadworksCase['status'],
    emergency: c.emergency,
    startedAt: c.startedAt?.toISOString() ?? null,
    filingDueAt: c.filingDueAt?.toISOString() ?? null,
    // Filed late: an emergency repair still waiting for its decision after the deadline.
    filingOverdue: c.filingDueAt !== null && c.status === 'received' && c.filingDueAt < parts.now,
    districtCode: c.districtCode,
    receivedAt: c.receivedAt.toISOString(),
    decisionReason: c.decisionReason,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionSync: c.decisionSync as RoadworksCase['decisionSync'],
    completedAt: c.completedAt,
    departmentId: c.departmentId,
    departmentName: parts.departmentName,
    version: c.version,
    placements: parts.placements.map((p) => {
      const s = parts.segments.get(p.segmentId);
      return { segmentId: p.segmentId, roadId: s?.roadId ?? 0, label: s?.label ?? `路段 ${p.segmentId}`, offsetM: p.offsetM };
    }),
    warnings: parts.warnings,
    actions: parts.actions,
  };
}
