import { ALCOHOL_VERDICTS, type AlcoholVerdict, CUSTODY_STEPS, type CustodyStep } from '@shtp/core/enforcement';

export interface AlcoholThresholds {
  brac2bac: number;
  drink: number;
  drunk: number;
}

/** P3: blood-alcohol equivalent (mg/100mL) of a breath result (mg/L) and the GB 19522 verdict, thresholds as parameters. */
export function alcoholVerdict(bracMgPerL: number, t: AlcoholThresholds): { bac: number; verdict: AlcoholVerdict; label: string } {
  const bac = Math.round(bracMgPerL * t.brac2bac * 10) / 10;
  const verdict: AlcoholVerdict = bac >= t.drunk ? 'drunk' : bac >= t.drink ? 'drink' : 'none';
  return { bac, verdict, label: ALCOHOL_VERDICTS[verdict] };
}

/** A blood test is required when the driver disputes or refuses the breath result, or drunk driving is suspected (art.35). */
export const bloodTestRequired = (verdict: AlcoholVerdict, accepted: boolean) => verdict === 'drunk' || (!accepted && verdict !== 'none');

/** A tester past its calibration validity cannot give evidence; null when valid. */
export function calibrationRefusal(calibrationDate: string, testedAt: Date, validDays: number): string | null {
  const calibrated = Date.parse(`${calibrationDate}T00:00:00+08:00`);
  if (calibrated > testedAt.getTime()) return '检定日期晚于检测时间';
  const days = (testedAt.getTime() - calibrated) / 86_400_000;
  return days > validDays ? `测试仪检定已超过 ${validDays} 天有效期，请更换测试仪` : null;
}

const ORDER = Object.keys(CUSTODY_STEPS) as CustodyStep[];

/** P6: the next custody step must follow the last one recorded; null when it does. */
export function custodyRefusal(done: readonly CustodyStep[], step: CustodyStep, hasResult: boolean): string | null {
  const expected = ORDER[done.length];
  if (expected !== step) return expected ? `下一环节应为“${CUSTODY_STEPS[expected]}”` : '流转已完成';
  if (step === 'result' && !hasResult) return '出具结果须填写血液酒精含量';
  return null;
}

/** P6 overdue warnings: not at the lab within `labDays` of drawing, not notified within `notifyDays` of the result. */
export function custodyOverdue(
  drawnAt: Date,
  events: readonly { step: CustodyStep; at: string }[],
  now: Date,
  limits: { labDays: number; notifyDays: number },
): string[] {
  const at = (s: CustodyStep) => events.find((e) => e.step === s)?.at;
  const late = (from: number, days: number, done: string | undefined) => (done ? Date.parse(done) : now.getTime()) - from > days * 86_400_000;
  const warnings: string[] = [];
  if (late(drawnAt.getTime(), limits.labDays, at('lab-received'))) warnings.push(`抽血后 ${limits.labDays} 天内未送达检验机构`);
  const result = at('result');
  if (result && late(Date.parse(result), limits.notifyDays, at('notified'))) warnings.push(`出具结果后 ${limits.notifyDays} 天内未书面告知当事人`);
  return warnings;
}
