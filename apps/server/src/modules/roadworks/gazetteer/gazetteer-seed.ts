import type { LineString } from '@shtp/core/roadworks';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { SEED_CHAINS, SEED_ROADS } from '../seed/roads.data.ts';
import { SHANGHAI_SUBDISTRICTS } from '../seed/subdistricts.data.ts';
import { gazetteerRepository as repo } from './gazetteer.repository.ts';
import { nameForms } from './name-forms.ts';

const GRADES: Record<string, string> = { e: 'expressway', a: 'arterial', s: 'secondary', b: 'branch' };
const list = (s: string | undefined) => (s ? s.split(',').filter(Boolean) : []);

/** The canonical name of the intersection of two or more roads: names sorted, joined by “/”. */
export const intersectionName = (roads: string[]): string => [...new Set(roads)].sort().join('/');

/** The seed's road names, which generated (synthetic) gazetteers must not reuse. */
export const seedRoadNames = (): string[] => SEED_ROADS.map((line) => line.slice(0, line.indexOf('|')));

/** Roads to insert with their crossings in order; where two roads' crossing has a point, the segments get a geometry. */
export interface GazetteerBatch {
  roads: { name: string; aliases: string[]; formerNames?: string[]; districts: string[]; grade: string }[];
  chains: Readonly<Record<string, readonly string[]>>;
  points?: ReadonlyMap<string, [number, number]>;
}

/**
 * Fills an empty gazetteer with the subdistricts and the partial road seed (seed/roads.data.ts): roads with their name
 * forms, and for the roads with an intersection chain, the intersections and the segments between neighbours.
 * Idempotent: does nothing when roads exist.
 */
export async function seedGazetteer(tx: DbOrTx): Promise<{ roads: number; segments: number }> {
  if ((await repo.roadCount(tx)) > 0) return { roads: 0, segments: 0 };
  await repo.insertSubdistricts(
    tx,
    SHANGHAI_SUBDISTRICTS.map(([code, name, districtCode]) => ({ code, name, districtCode })),
  );
  const roads = SEED_ROADS.map((line) => {
    const [name, grade, districts, aliases, former] = line.split('|') as [string, string, string, string?, string?];
    return { name, aliases: list(aliases), formerNames: list(former), districts: list(districts).map((d) => `3101${d}`), grade: GRADES[grade]! };
  });
  return insertGazetteer(tx, { roads, chains: SEED_CHAINS });
}

/**
 * Inserts new roads (marked partial: administrators complete them), their name forms, the intersections of each
 * chain (an existing one of the same name is reused) and the segments between neighbours: one statement per table,
 * so a new database (every test app) is seeded in a blink. A chain may name only roads of the batch.
 */
export async function insertGazetteer(tx: DbOrTx, batch: GazetteerBatch): Promise<{ roads: number; segments: number }> {
  const roads = batch.roads.map((r) => ({ ...r, formerNames: r.formerNames ?? [] }));
  const inserted = await repo.insertRoads(
    tx,
    roads.map((r) => ({ ...r, partial: true })),
  );
  const ids = new Map(inserted.map((r) => [r.name, r.id]));
  const districtOf = new Map(roads.map((r) => [r.name, r.districts[0]!]));
  await repo.insertNames(
    tx,
    roads.flatMap((r) => nameForms(r).map((n) => ({ roadId: ids.get(r.name)!, ...n }))),
  );

  const idOf = (name: string, what: string) => {
    const id = ids.get(name);
    if (id === undefined) throw new Error(`seed ${what} names unknown road ${name}`);
    return id;
  };
  const intersections = new Map<string, { name: string; roadIds: number[]; districtCode: string | null }>();
  const chains = Object.entries(batch.chains).map(([road, crossings]) => {
    const roadId = idOf(road, 'chain');
    const nodes = crossings.map((cross) => {
      const name = intersectionName([road, cross]);
      if (!intersections.has(name)) {
        const roadIds = [roadId, idOf(cross, `chain of ${road}`)].sort((a, b) => a - b);
        intersections.set(name, { name, roadIds, districtCode: districtOf.get(road) ?? null });
      }
      return name;
    });
    return { road, roadId, nodes };
  });
  const intersectionIds = await repo.ensureIntersections(tx, [...intersections.values()]);
  const line = (from: string, to: string): LineString | undefined => {
    const a = batch.points?.get(from);
    const b = batch.points?.get(to);
    return a && b ? { type: 'LineString', coordinates: [a, b] } : undefined;
  };
  const segments = await repo.insertSegments(
    tx,
    chains.flatMap(({ road, roadId, nodes }) =>
      nodes.slice(1).map((to, i) => ({
        roadId,
        fromIntersectionId: intersectionIds.get(nodes[i]!)!,
        toIntersectionId: intersectionIds.get(to)!,
        seq: i + 1,
        districtCode: districtOf.get(road) ?? null,
        geometry: line(nodes[i]!, to),
      })),
    ),
  );
  return { roads: ids.size, segments };
}
