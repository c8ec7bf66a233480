import { EBIKE_BUSINESS_TYPES, UPLOAD_STATUS, type UploadStatus } from '@shtp/core/ebike';

/**
 * The order in which a vehicle's businesses go up to 六合一 (it keeps each vehicle's state, so it must see them in
 * the order they were made). A business waits while an earlier one is not accepted — on its way, failed or
 * rejected. A repair (an 更正 of a rejected business, sent in that business's place) takes the place of the business
 * it repairs, so it goes before the ones that wait for that business.
 */
export interface UploadEntry {
  id: number;
  lsh: string;
  type: string;
  uploadStatus: string;
  uploadError: string | null;
  /** The rejected business this one repairs (the first of the chain), if it is a repair. */
  repairOf: number | null;
}

/** Accepted by the far side, in its own right or through its repair. */
const settled = (status: string) => status === 'done' || status === 'repaired';

/** Where a business stands in its vehicle's order: its own id, or that of the business it repairs. */
export const orderPosition = (b: Pick<UploadEntry, 'id' | 'repairOf'>) => b.repairOf ?? b.id;

/** The earliest business of the vehicle that `b` must wait for, or undefined when it may go up now. */
export function blockerOf(history: readonly UploadEntry[], b: Pick<UploadEntry, 'id' | 'repairOf'>): UploadEntry | undefined {
  const position = orderPosition(b);
  return history.filter((e) => e.id < position && !settled(e.uploadStatus)).sort((x, y) => x.id - y.id)[0];
}

/** What 上传监控 shows for a waiting business: which one it waits for, and why that one is not accepted. */
export function waitingReason(blocker: UploadEntry): string {
  const type = EBIKE_BUSINESS_TYPES[blocker.type as keyof typeof EBIKE_BUSINESS_TYPES] ?? blocker.type;
  const state = UPLOAD_STATUS[blocker.uploadStatus as UploadStatus] ?? blocker.uploadStatus;
  const why = blocker.uploadError && blocker.uploadStatus !== 'pending' ? `：${blocker.uploadError}` : '';
  return `等待前序业务 ${blocker.lsh}（${type}，${state}${why}）`;
}

/**
 * The businesses a repair's acceptance settles: the business it repairs, and earlier repairs of that business the
 * far side rejected (all now 'repaired').
 */
export function settledByRepair(history: readonly UploadEntry[], root: number): number[] {
  return history.filter((e) => (e.id === root || e.repairOf === root) && e.uploadStatus === 'rejected').map((e) => e.id);
}

/** Which unsettled state a vehicle's upload summary names first: what needs an officer most. */
const SUMMARY_ORDER = ['rejected', 'failed', 'waiting', 'uploading', 'pending'];

/** A vehicle's upload state in a few characters (the handheld): 已上传, or the most pressing unsettled state and its count. */
export function uploadSummary(unsettled: readonly { status: string; n: number }[]): string {
  const first = [...unsettled].sort((a, b) => SUMMARY_ORDER.indexOf(a.status) - SUMMARY_ORDER.indexOf(b.status))[0];
  if (!first) return UPLOAD_STATUS.done;
  const total = unsettled.reduce((n, u) => n + u.n, 0);
  const label = UPLOAD_STATUS[first.status as UploadStatus] ?? first.status;
  return total > first.n ? `${label}（${first.n} 笔，共 ${total} 笔未受理）` : `${label}（${first.n} 笔）`;
}
