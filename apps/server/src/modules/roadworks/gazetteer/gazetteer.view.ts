import type { Intersection, RoadDetail, Segment } from '@shtp/core/roadworks';
import type { IntersectionRow, RoadRow, SegmentRow } from './gazetteer.repository.ts';

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
    retiredAt: s.retiredAt?.toISOString() ?? null,
  };
}

export function intersectionView(i: IntersectionRow, roadNames: ReadonlyMap<number, string>): Intersection {
  return {
    id: i.id,
    name: i.name,
    roadIds: i.roadIds,
    roadNames: i.roadIds.map((id) => roadNames.get(id) ?? `道路 ${id}`),
    districtCode: i.districtCode,
    version: i.version,
    retiredAt: i.retiredAt?.toISOString() ?? null,
  };
}

export function roadView(
  r: RoadRow,
  segments: SegmentRow[],
  intersections: { rows: IntersectionRow[]; roadNames: ReadonlyMap<number, string> },
  actions: RoadDetail['actions'],
): RoadDetail {
  return {
    id: r.id,
    name: r.name,
    aliases: r.aliases,
    formerNames: r.formerNames,
    districts: r.districts,
    grade: r.grade as RoadDetail['grade'],
    partial: r.partial,
    version: r.version,
    segments: segments.filter((s) => s.retiredAt === null).map(segmentView),
    retiredSegments: segments.filter((s) => s.retiredAt !== null).map(segmentView),
    intersections: intersections.rows.map((i) => intersectionView(i, intersections.roadNames)),
    actions,
  };
}
