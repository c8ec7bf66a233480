import { maskPlate } from '@shtp/core/masking';
import type { ArchiveRow, PageRow } from './archive.repository.ts';

/** An archive as the API shows it: no blind index; the plate masked by default like the ledger's lists. */
export function archiveView(a: ArchiveRow & { departmentName?: string }) {
  return {
    id: a.id,
    lsh: a.lsh,
    vehicleId: a.vehicleId,
    businessType: a.businessType,
    ownerType: a.ownerType,
    applicant: a.applicant,
    plate: a.plate ? maskPlate(a.plate) : null,
    zcbm: a.zcbm,
    departmentId: a.departmentId,
    departmentName: a.departmentName ?? null,
    acceptedAt: a.acceptedAt,
    version: a.version,
    complete: a.complete,
    completedAt: a.completedAt,
    missing: JSON.parse(a.missing) as { docType: string; required: number; present: number }[],
    legalHold: a.legalHold,
    legalHoldReason: a.legalHoldReason,
    legalHoldBy: a.legalHoldBy,
    legalHoldAt: a.legalHoldAt,
    disposalReason: a.disposalReason,
    disposalRequestedByName: a.disposalRequestedByName,
    disposalRequestedAt: a.disposalRequestedAt,
    disposedByName: a.disposedByName,
    disposedAt: a.disposedAt,
  };
}

export function pageView(p: PageRow) {
  return {
    id: p.id,
    docType: p.docType,
    seq: p.seq,
    mime: p.mime,
    width: p.width,
    height: p.height,
    rendered: p.displayDigest !== null,
    source: p.source,
    reason: p.reason,
    addedInVersion: p.addedInVersion,
    removedInVersion: p.removedInVersion,
    replacesPageId: p.replacesPageId,
    capturedByName: p.capturedByName,
    capturedAt: p.capturedAt,
  };
}
