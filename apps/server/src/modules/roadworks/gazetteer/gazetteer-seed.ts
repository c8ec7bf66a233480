import type { DbOrTx } from '../../../platform/db/client.ts';
import { SEED_CHAINS, SEED_ROADS } from '../seed/roads.data.ts';
import { SHANGHAI_SUBDISTRICTS } from '../seed/subdistricts.data.ts';
import { gazetteerRepository as repo } from './gazetteer.repository.ts';
import { nameForms } from './name-forms.ts';

const GRADES: Record<string, string> = { e: 'expressway', a: 'arterial', s: 'secondary', b: 'branch' };
const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : []);

/** The canonical name of the intersection of two or more roads: names sorted, joined by “/”. */
export const intersectionName = (roads: string[]): string => [...new Set(roads)].sort().join('/');

/**
 * Fills an empty gazetteer with the subdistricts and the partial road seed (roads/data.ts): roads with their name
 * forms, and for the roads with an intersection chain, the intersections and the segments between neighbours.
 * Idempotent: does nothing when roads exist.
 */
export async function seedGazetteer(tx: DbOrTx): Promise<{ roads: number; segments: number }> {
  if ((await repo.roadCount(tx)) > 0) return { roads: 0, segments: 0 };
  await repo.insertSubdistricts(
    tx,
    SHANGHAI_SUBDISTRICTS.map(([code, name, districtCode]) => ({ code, name, districtCode })),
  );
  const ids = new Map<string, number>();
  const districtOf = new Map<string, string>();
  for (const line of SEED_ROADS) {
    const [name, grade, districts, aliases, former] = line.split('|') as [string, string, string, string?, string?];
    const road = { name, aliases: list(aliases), formerNames: list(former), districts: list(districts).map((d) => `3101${d}`), grade: GRADES[grade]! };
    const id = await repo.insertRoad(tx, { ...road, partial: true, updatedBy: null });
    await repo.replaceNames(tx, id, nameForms(road));
    ids.set(name, id);
    districtOf.set(name, road.districts[0]!);
  }
  let segments = 0;
  for (const [road, crossings] of Object.entries(SEED_CHAINS)) {
    const roadId = ids.get(road);
    if (roadId === undefined) throw new Error(`seed chain of unknown road ${road}`);
    const nodes: number[] = [];
    for (const cross of crossings) {
      const crossId = ids.get(cross);
      if (crossId === undefined) throw new Error(`seed chain ${road} crosses unknown road ${cross}`);
      nodes.push(
        await repo.ensureIntersection(tx, {
          name: intersectionName([road, cross]),
          roadIds: [roadId, crossId].sort((a, b) => a - b),
          districtCode: districtOf.get(road) ?? null,
        }),
      );
    }
    for (let i = 1; i < nodes.length; i++) {
      const id = await repo.insertSegment(tx, {
        roadId,
        fromIntersectionId: nodes[i - 1]!,
        toIntersectionId: nodes[i]!,
        seq: i,
        districtCode: districtOf.get(road) ?? null,
      });
      if (id) segments++;
    }
  }
  return { roads: ids.size, segments };
}
