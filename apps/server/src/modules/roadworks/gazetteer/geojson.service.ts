import type { GeoJsonImportSchema } from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { Platform } from '../../../platform/platform.ts';
import { gazetteerRepository as repo } from './gazetteer.repository.ts';
import { segmentView } from './gazetteer.view.ts';
import { intersectionName } from './gazetteer-seed.ts';

/** GeoJSON in and out of the gazetteer: segments as LineString features named by road and end roads. */
export class GeoJsonService {
  constructor(private readonly platform: Platform) {}

  /**
   * Sets the geometry of the named segments, creating the intersections and segments that are missing (a new
   * segment needs `seq`); a feature of an unknown road is skipped with its reason. One transaction, one audit record.
   */
  async import(actor: Actor, body: z.infer<typeof GeoJsonImportSchema>) {
    return this.platform.db.transaction(async (tx) => {
      const names = [...new Set(body.features.flatMap((f) => [f.properties.road, f.properties.from, f.properties.to]))];
      const roads = await repo.roadIdsByName(tx, names);
      const result = { updated: 0, created: 0, skipped: [] as { index: number; reason: string }[] };
      for (const [index, f] of body.features.entries()) {
        const { road, from, to, seq } = f.properties;
        const missing = [road, from, to].filter((n) => !roads.has(n));
        if (missing.length > 0) {
          result.skipped.push({ index, reason: `路名库中没有：${missing.join('、')}` });
          continue;
        }
        const roadId = roads.get(road)!;
        const end = (cross: string) =>
          repo.ensureIntersection(tx, {
            name: intersectionName([road, cross]),
            roadIds: [roadId, roads.get(cross)!].sort((a, b) => a - b),
            districtCode: null,
          });
        const [fromId, toId] = [await end(from), await end(to)];
        const existing = await repo.segmentByEnds(tx, roadId, fromId, toId);
        if (existing) {
          await repo.insertHistory(tx, { entity: 'segment', entityId: existing.id, version: existing.version, data: existing, changedBy: actor.userId });
          await repo.updateSegment(tx, existing.id, { geometry: f.geometry, updatedBy: actor.userId });
          result.updated++;
        } else if (seq === undefined) {
          result.skipped.push({ index, reason: '新路段须给出 seq（沿道路的顺序号）' });
        } else if (
          await repo.insertSegment(tx, { roadId, fromIntersectionId: fromId, toIntersectionId: toId, seq, districtCode: null, geometry: f.geometry })
        ) {
          result.created++;
        } else {
          result.skipped.push({ index, reason: `${road} 的顺序号 ${seq} 已被其他路段使用` });
        }
      }
      await audit(tx, actor, {
        action: 'roadworks.geojson.import',
        targetType: 'segment',
        details: { updated: result.updated, created: result.created, skipped: result.skipped.length },
      });
      return result;
    });
  }

  /** The whole gazetteer's segments as a FeatureCollection, written in pages of 1000 (never the whole table at once). */
  async *export(): AsyncGenerator<string> {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for (let after = 0; ; ) {
      const rows = await repo.segmentsAfter(this.platform.db, after, 1000);
      if (rows.length === 0) break;
      for (const s of rows) {
        const v = segmentView(s);
        const feature = {
          type: 'Feature',
          geometry: s.geometry ?? null,
          properties: {
            segmentId: s.id,
            road: s.roadName,
            from: v.from.name,
            to: v.to.name,
            seq: s.seq,
            protectedSince: s.protectedSince,
            protectionKind: s.protectionKind,
          },
        };
        yield `${first ? '' : ','}${JSON.stringify(feature)}`;
        first = false;
      }
      after = rows[rows.length - 1]!.id;
    }
    yield ']}';
  }
}
