export interface Missing {
  docType: string;
  required: number;
  present: number;
}

/** Whether the current pages satisfy the catalogue: every required document with at least its pages. */
export function completeness(requirements: { docType: string; minPages: number }[], pages: { docType: string }[]): { complete: boolean; missing: Missing[] } {
  const present = new Map<string, number>();
  for (const p of pages) present.set(p.docType, (present.get(p.docType) ?? 0) + 1);
  const missing = requirements
    .filter((r) => r.minPages > 0 && (present.get(r.docType) ?? 0) < r.minPages)
    .map((r) => ({ docType: r.docType, required: r.minPages, present: present.get(r.docType) ?? 0 }));
  return { complete: requirements.length > 0 && missing.length === 0, missing };
}

/** Supplementary capture (after the archive was complete) and replacement need a reason (A5). */
export function reasonRefusal(archive: { complete: boolean }, body: { reason?: string | undefined; replacesPageId?: number | undefined }): string | null {
  if ((archive.complete || body.replacesPageId) && !body.reason?.trim()) return '补录或替换页面须填写原因';
  return null;
}
