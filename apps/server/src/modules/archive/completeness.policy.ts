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

interface WorkRow {
  key: string;
  label: string;
  pages: number;
  archivesCompleted: number;
  averageDelayHours: number | null;
}

/** A7: the share of the archives opened that are complete now, in percent with one decimal; null when none was opened. */
export const completenessRate = (opened: number, complete: number): number | null => (opened > 0 ? Math.round((complete / opened) * 1000) / 10 : null);

/**
 * A7: the workload rows joined with the completeness rollup by key (a department or day with archives opened but no
 * page yet gets a row of its own); the rate is the share of the archives opened that are complete now, in percent.
 */
export function withCompleteness(work: WorkRow[], opened: { key: string; label: string; opened: number; complete: number }[]) {
  const byKey = new Map(opened.map((o) => [o.key, o]));
  const rows = work.map((w) => ({ ...w, o: byKey.get(w.key) }));
  for (const o of opened)
    if (!work.some((w) => w.key === o.key)) rows.push({ key: o.key, label: o.label, pages: 0, archivesCompleted: 0, averageDelayHours: null, o });
  return rows
    .map(({ o, ...w }) => ({
      ...w,
      opened: o?.opened ?? 0,
      completeNow: o?.complete ?? 0,
      completenessRate: o ? completenessRate(o.opened, o.complete) : null,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}
