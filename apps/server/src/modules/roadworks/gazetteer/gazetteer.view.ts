import type { RoadDetail, Segment } from '@shtp/core/roadworks';
import type { RoadRow, SegmentRow } from './gazetteer.repository.ts';

/** The other road of an intersection named “A/B” seen from `road` (a three-way intersection keeps its full name). */
export function crossName(intersection: string, road: string): string {
  const others = intersection.split('/').filter((r) => r !== road);
  return others.length > 0 ? others.join('/') : intersection;
}

export function segmentView(s: SegmentRow): Segment {
  const from = crossName(s.fromName, s.roadName);
  const to = crossName(s.toName, s.roadName);
  return {
    id: s.id,
    roadId: s.roadId,
    roadName: s.roadName,
    seq: s.seq,
    from: { id: s.fromId, name: from },
    to: { id: s.toId, name: to },
    label: `${s.roadName} ${from}—${to}`,
    protectedSince: s.protectedSince,
    protectionKind: s.protectionKind as Segment['protectionKind'],
    geometry: s.geometry ?? null,
    version: s.version,
  };
}

export function roadView(r: RoadRow, segments: SegmentRow[], actions: RoadDetail['actions']): RoadDetail {
  return {
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    formerNames: r.formerNames,
    districts: r.districts,
    grade: r.grade as RoadDetail['grade'],
    partial: r.partial,
    version: r.version,
    segments: segments.map(segmentView),
    actions,
  };
}
