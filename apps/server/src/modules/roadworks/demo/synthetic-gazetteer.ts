import { Rng, type SyntheticGazetteer, syntheticGazetteer } from '@shtp/testkit';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { gazetteerRepository } from '../gazetteer/gazetteer.repository.ts';
import { insertGazetteer, intersectionName, seedRoadNames } from '../gazetteer/gazetteer-seed.ts';

/** The generated gazetteer as the seed's batch: the crossings' points give each segment a straight-line geometry. */
export const syntheticBatch = (g: SyntheticGazetteer) => ({
  roads: g.roads,
  chains: g.chains,
  points: new Map(g.crossings.map((c) => [intersectionName(c.roads), c.at])),
});

/** The development demo's generated gazetteer (the browser test finds its roads by name). */
export const demoSyntheticGazetteer = () => syntheticGazetteer(new Rng(20261203), { neighbourhoods: 16, grid: 4, taken: seedRoadNames() });

/**
 * Development only: a synthetic street grid in each of the 16 districts (testkit's seeded generator, never a real
 * seed name), with geometry, so that the console's map of a permit has something to draw. Once per database: the
 * first generated road present means it is there.
 */
export async function seedSyntheticGazetteer(tx: DbOrTx): Promise<number> {
  const g = demoSyntheticGazetteer();
  if ((await gazetteerRepository.roadIdsByName(tx, [g.roads[0]!.name])).size > 0) return 0;
  return (await insertGazetteer(tx, syntheticBatch(g))).segments;
}
