import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';
import { syntheticGazetteer } from './roads.ts';

describe('synthetic road gazetteer (R5)', () => {
  const gaz = syntheticGazetteer(new Rng(7), { neighbourhoods: 32, grid: 4, taken: ['延安西路'] });

  it('is the same for the same seed and different for another', () => {
    expect(syntheticGazetteer(new Rng(7), { neighbourhoods: 32, grid: 4, taken: ['延安西路'] })).toEqual(gaz);
    expect(syntheticGazetteer(new Rng(8), { neighbourhoods: 32, grid: 4 }).roads[0]!.name).not.toBe(gaz.roads[0]!.name);
  });

  it('names each road once, Shanghai-style, never a taken name, in real districts', () => {
    const names = gaz.roads.map((r) => r.name);
    expect(names).toHaveLength(32 * 8);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('延安西路');
    for (const r of gaz.roads) {
      expect(r.name).toMatch(/^[\u4e00-\u9fff]{2,5}(路|街|支路|公路|大道)$/);
      expect(Object.keys(SHANGHAI_DISTRICTS)).toContain(r.districts[0]);
    }
    expect(new Set(gaz.roads.map((r) => r.districts[0])).size).toBe(16);
  });

  it('crosses every road of a grid with every road of the other direction, each crossing once, in order along the road', () => {
    expect(gaz.crossings).toHaveLength(32 * 16);
    const at = new Map(gaz.crossings.map((c) => [[...c.roads].sort().join('/'), c.at]));
    expect(at.size).toBe(gaz.crossings.length);
    for (const [road, crossing] of Object.entries(gaz.chains)) {
      expect(crossing).toHaveLength(4);
      const points = crossing.map((other) => at.get([road, other].sort().join('/'))!);
      // Along the chain the coordinates move one way (west → east or south → north) by a block of 300–600 m.
      const axis = Math.abs(points[1]![0] - points[0]![0]) > Math.abs(points[1]![1] - points[0]![1]) ? 0 : 1;
      for (let i = 1; i < points.length; i++) expect(points[i]![axis] - points[i - 1]![axis]).toBeGreaterThan(0.002);
    }
    for (const c of gaz.crossings) {
      expect(c.at[0]).toBeGreaterThan(120.8);
      expect(c.at[0]).toBeLessThan(122.0);
      expect(c.at[1]).toBeGreaterThan(30.6);
      expect(c.at[1]).toBeLessThan(31.9);
    }
  });

  it('stays unique past the plausible names (benchmark sizes)', () => {
    const big = syntheticGazetteer(new Rng(1), { neighbourhoods: 400, grid: 6 });
    expect(new Set(big.roads.map((r) => r.name)).size).toBe(400 * 12);
  });
});
