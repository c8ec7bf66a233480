import { beijingClock, dayKind } from '@shtp/core/tempplate';
import { evidence, type Rule } from './rule.ts';

/**
 * T2 非工作时间办理: accepted or issued on a day off (weekend, holiday, in-lieu day; make-up days count as working)
 * or outside the working hours of a working day, in Beijing time.
 */
export const t2OutsideHours: Rule = {
  code: 'T2',
  version: 1,
  reads: ['workingHours'],
  history: false,
  evaluate({ business: b, params: p }) {
    const { start, end } = p.workingHours;
    const outside = [
      { item: '受理时间', at: b.acceptedAt },
      { item: '发放时间', at: b.issuedAt },
    ]
      .filter(({ at }) => !Number.isNaN(at.getTime()))
      .map(({ item, at }) => ({ item, clock: beijingClock(at) }))
      .map((x) => ({ ...x, day: dayKind(x.clock.date) }))
      .filter(({ clock, day }) => !day.working || clock.time < start || clock.time >= end);
    if (outside.length === 0) return null;
    const uncovered = outside.some((x) => !x.day.covered);
    const describe = (x: (typeof outside)[number]) => `${x.clock.date} ${x.clock.time}（${x.day.working ? '工作日' : (x.day.name ?? '休息日')}）`;
    return {
      severity: outside.some((x) => !x.day.working) ? 'medium' : 'low',
      summary: `${outside.map((x) => `${x.item} ${describe(x)}`).join('，')}，不在工作时间 ${start}–${end}`,
      evidence: evidence({
        compared: outside.map((x) => ({ item: x.item, value: describe(x), against: `工作日 ${start}–${end}` })),
        threshold: `工作日 ${start}–${end}`,
        note: uncovered ? '该年份不在节假日日历（2024–2026）范围内，按周一至周五判断' : null,
      }),
    };
  },
};
