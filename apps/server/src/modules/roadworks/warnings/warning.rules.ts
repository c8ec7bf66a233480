import { DIGGING_TYPES, PROTECTION_KINDS, type ProtectionKind, WARNING_RULES, type Warning, WORKS_TYPES, type WorksType } from '@shtp/core/roadworks';

export interface PlannedWorks {
  worksType: WorksType;
  from: string;
  to: string;
}

export interface SegmentFacts {
  id: number;
  label: string;
  districtCode: string | null;
  protectedSince: string | null;
  protectionKind: ProtectionKind | null;
}

/** Another case's works on one of the segments, found through the GiST index (any status but refused). */
export interface OtherWorks {
  caseNo: string;
  segmentId: number;
  from: string;
  to: string;
  worksType: WorksType;
  status: string;
}

export interface WarningParams {
  protectionYearsNew: number;
  protectionYearsOverhaul: number;
  repeatMonths: number;
}

export type FoundWarning = Warning & { districtCode: string | null };

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
const evidence = (o: OtherWorks) => ({ caseNo: o.caseNo, from: o.from, to: o.to, worksType: WORKS_TYPES[o.worksType], status: o.status });

/**
 * R4: what an officer must see before deciding on works on these segments (城市道路管理条例 art.33; the
 * repeated-digging window and the closures already permitted). Pure: the repository has already found the other
 * works whose period touches [from − repeatMonths, to].
 */
export function worksWarnings(planned: PlannedWorks, segments: SegmentFacts[], others: OtherWorks[], p: WarningParams): FoundWarning[] {
  const digging = DIGGING_TYPES.includes(planned.worksType);
  const found: FoundWarning[] = [];
  for (const s of segments) {
    const base = { segmentId: s.id, segmentLabel: s.label, districtCode: s.districtCode };
    if (digging && s.protectedSince && s.protectionKind) {
      const years = s.protectionKind === 'overhaul' ? p.protectionYearsOverhaul : p.protectionYearsNew;
      const until = addYears(s.protectedSince, years);
      if (planned.from < until)
        found.push({
          ...base,
          rule: 'protection',
          message: `${s.label} 于 ${s.protectedSince} ${PROTECTION_KINDS[s.protectionKind]}，${years} 年保护期至 ${until}，期内掘路须经市政府批准`,
          evidence: [],
        });
    }
    const mine = others.filter((o) => o.segmentId === s.id);
    const concurrent = mine.filter((o) => o.from <= planned.to && o.to >= planned.from);
    if (concurrent.length > 0)
      found.push({
        ...base,
        rule: 'concurrent',
        message: `${s.label} 在 ${planned.from} 至 ${planned.to} 已有 ${concurrent.length} 件施工（${concurrent.map((o) => `${o.caseNo}：${o.from}至${o.to}`).join('；')}），封闭可能冲突`,
        evidence: concurrent.map(evidence),
      });
    const windowStart = addMonths(planned.from, -p.repeatMonths);
    const earlier = digging ? mine.filter((o) => DIGGING_TYPES.includes(o.worksType) && o.to < planned.from && o.to >= windowStart) : [];
    if (earlier.length > 0)
      found.push({
        ...base,
        rule: 'repeat',
        message: `${s.label} 在 ${p.repeatMonths} 个月内已掘路 ${earlier.length} 次（${earlier.map((o) => `${o.caseNo}：${o.from}至${o.to}`).join('；')}）`,
        evidence: earlier.map(evidence),
      });
  }
  return found;
}

/** An approved period that has ended while the works are not reported finished: temporary occupation (沪 art.22). */
/** `endedOrToday`: the day of the completion report, or today while the works are unfinished. */
export function overrunWarning(
  c: { requestedTo: string; status: string; completedAt?: string | null },
  endedOrToday: string,
  segment: SegmentFacts,
): FoundWarning | null {
  if (c.status !== 'approved' || c.requestedTo >= endedOrToday) return null;
  return {
    segmentId: segment.id,
    segmentLabel: segment.label,
    districtCode: segment.districtCode,
    rule: 'overrun',
    message: c.completedAt
      ? `${segment.label} 许可期限至 ${c.requestedTo}，${c.completedAt} 才报竣工，超期部分按临时占路处理（${WARNING_RULES.overrun}）`
      : `${segment.label} 许可期限至 ${c.requestedTo}，至今未报完工，超期部分按临时占路处理（${WARNING_RULES.overrun}）`,
    evidence: [],
  };
}
