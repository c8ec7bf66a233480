import type { FirstViolationDecision, ViolationCode, ViolationKind } from '@shtp/core/enforcement';

export interface FirstViolationFacts {
  code: ViolationCode;
  /** The configured list of codes 首违免罚 may apply to (parameter). */
  eligibleCodes: readonly string[];
  /** Records of the same code for the same person or vehicle within the period. */
  priorSameCode: number;
  months: number;
  corrected: boolean;
  harm: boolean;
}

/**
 * P7 首违免罚 (DOMAIN.md §3.1, rule [A]): a listed, warnable, 0-point code; no record of the same code for the same
 * person or vehicle in the period; corrected on the spot; no harm. Every failed condition is a reason; when all hold,
 * the reasons say why it applies, in the words the handheld shows.
 */
export function firstViolation(f: FirstViolationFacts): FirstViolationDecision {
  const refusals: string[] = [];
  if (!f.eligibleCodes.includes(f.code.code)) refusals.push(`违法代码 ${f.code.code} 不在首违免罚适用清单中`);
  if (!f.code.warnable || f.code.points > 0) refusals.push(f.code.points > 0 ? `该违法记 ${f.code.points} 分，不属轻微违法` : '该违法行为依法不适用警告');
  if (f.priorSameCode > 0) refusals.push(`${f.months} 个月内已有同一违法行为记录 ${f.priorSameCode} 次，不属首次`);
  if (!f.corrected) refusals.push('违法状态未当场纠正');
  if (f.harm) refusals.push('已造成危害后果');
  if (refusals.length) return { eligible: false, reasons: refusals };
  return {
    eligible: true,
    reasons: [
      '该违法符合首违警告情形，适用警告处罚',
      `违法代码 ${f.code.code} 在首违免罚适用清单中，可警告、不记分`,
      `${f.months} 个月内无同一违法行为记录`,
      '已当场纠正，未造成危害后果',
    ],
  };
}

/** Whether this kind of ticket may be written for the code; null when it may. */
export function kindRefusal(kind: ViolationKind, code: ViolationCode, decision: FirstViolationDecision, fine: number | undefined): string | null {
  if (kind === 'warning' && !code.warnable && !decision.eligible) return `违法代码 ${code.code} 依法不适用警告`;
  if (kind === 'decision') {
    if (fine === undefined) return '简易程序处罚决定书须填写罚款金额';
    if (fine < code.fineMin || fine > code.fineMax) return `罚款金额须在 ${code.fineMin}–${code.fineMax} 元之间`;
    if (fine > 200) return '罚款超过 200 元不适用简易程序';
  }
  return null;
}

/** The officer's daily cap of simple-procedure tickets ("民警当日开具的简易程序已达…"); null while under it. */
export function dailyCapRefusal(countToday: number, cap: number): string | null {
  return countToday >= cap ? `民警当日开具的简易程序已达 ${cap} 份上限` : null;
}

/** The last day to pay a fine without the late fee: the decision's Shanghai day plus the period (calendar days). */
export function paymentDueDate(decidedOn: string, payDays: number): string {
  const day = new Date(`${decidedOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + payDays);
  return day.toISOString().slice(0, 10);
}
