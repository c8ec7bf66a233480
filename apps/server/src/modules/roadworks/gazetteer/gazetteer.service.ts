import {
  isLatinQuery,
  normaliseRoadName,
  type RoadBodySchema,
  type RoadDetail,
  type RoadSuggestion,
  type RoadUpdateBodySchema,
  type SegmentCreateBodySchema,
  type SegmentProtectionBodySchema,
} from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { badRequest, conflict, notFound, versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { roadActions } from './gazetteer.policy.ts';
import { type GazetteerEntity, gazetteerRepository as repo } from './gazetteer.repository.ts';

interface Caller {
  principal: Principal;
  actor: Actor;
}

import { roadView, segmentView } from './gazetteer.view.ts';
import { intersectionName } from './gazetteer-seed.ts';
import { nameForms } from './name-forms.ts';

/** R5: the picker and the versioned, audited maintenance of roads and segments. */
export class GazetteerService {
  constructor(private readonly platform: Platform) {}

  async suggest(q: string, limit: number): Promise<RoadSuggestion[]> {
    const key = normaliseRoadName(q);
    if (key === '') return [];
    const rows = await repo.suggest(this.platform.db, { key, latin: isLatinQuery(key), limit });
    return rows.map((r) => ({
      id: r.road_id,
      name: r.name,
      matched: r.matched,
      matchedKind: r.kind,
      districts: r.districts,
      grade: r.grade as RoadSuggestion['grade'],
    }));
  }

  async road(principal: Principal, id: number): Promise<RoadDetail> {
    const road = await repo.road(this.platform.db, id);
    if (!road) throw notFound('道路');
    const db = this.platform.db;
    const rows = await repo.intersectionsOfRoad(db, id);
    const intersections = { rows, roadNames: await this.roadNames(rows.flatMap((i) => i.roadIds)) };
    return roadView(road, await repo.segmentsOfRoad(db, id), intersections, roadActions(principal));
  }

  async roadNames(ids: number[]): Promise<Map<number, string>> {
    const roads = ids.length === 0 ? [] : await repo.roadsByIds(this.platform.db, [...new Set(ids)]);
    return new Map(roads.map((r) => [r.id, r.name]));
  }

  async createRoad({ principal, actor }: Caller, body: z.infer<typeof RoadBodySchema>): Promise<RoadDetail> {
    const id = await this.platform.db.transaction(async (tx) => {
      if (await repo.sameNameInDistricts(tx, body.name, body.districts, null)) throw conflict('ROAD_NAME_TAKEN', `所在区已有道路“${body.name}”`);
      const id = await repo.insertRoad(tx, { ...body, partial: false, updatedBy: actor.userId });
      await repo.replaceNames(tx, id, nameForms(body));
      await audit(tx, actor, { action: 'roadworks.road.create', targetType: 'road', targetId: id, details: { name: body.name } });
      return id;
    });
    return this.road(principal, id);
  }

  /** Keeps the previous version in the history, then writes the new one (optimistic lock on `version`). */
  async updateRoad({ principal, actor }: Caller, id: number, body: z.infer<typeof RoadUpdateBodySchema>): Promise<RoadDetail> {
    await this.platform.db.transaction(async (tx) => {
      const road = await repo.lockRoad(tx, id);
      if (!road) throw notFound('道路');
      if (road.version !== body.version) throw versionConflict();
      if (await repo.sameNameInDistricts(tx, body.name, body.districts, id)) throw conflict('ROAD_NAME_TAKEN', `所在区已有道路“${body.name}”`);
      await repo.insertHistory(tx, { entity: 'road', entityId: id, version: road.version, data: road, changedBy: actor.userId });
      const { version: _, ...fields } = body;
      await repo.updateRoad(tx, id, { ...fields, updatedBy: actor.userId! });
      await repo.replaceNames(tx, id, nameForms(body));
      await audit(tx, actor, {
        action: 'roadworks.road.update',
        targetType: 'road',
        targetId: id,
        details: { from: road.name, to: body.name, version: road.version + 1 },
      });
    });
    return this.road(principal, id);
  }

  /**
   * A segment of a road between its crossings with two other roads (the intersections are made when missing), at
   * `seq` in the road's order; the page's counterpart of a GeoJSON feature without geometry.
   */
  async createSegment({ principal, actor }: Caller, roadId: number, body: z.infer<typeof SegmentCreateBodySchema>): Promise<RoadDetail> {
    const bad = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ field, message }]);
    if (body.fromRoadId === body.toRoadId) throw bad('toRoadId', '起点和终点相交道路不能相同');
    await this.platform.db.transaction(async (tx) => {
      const road = await repo.lockRoad(tx, roadId);
      if (!road) throw notFound('道路');
      const ends = new Map((await repo.roadsByIds(tx, [body.fromRoadId, body.toRoadId])).map((r) => [r.id, r.name]));
      for (const [field, id] of [
        ['fromRoadId', body.fromRoadId],
        ['toRoadId', body.toRoadId],
      ] as const) {
        if (id === roadId) throw bad(field, '相交道路不能是本道路');
        if (!ends.has(id)) throw bad(field, '相交道路不存在');
      }
      const end = (crossId: number) =>
        repo.ensureIntersection(tx, {
          name: intersectionName([road.name, ends.get(crossId)!]),
          roadIds: [roadId, crossId].sort((a, b) => a - b),
          districtCode: road.districts[0] ?? null,
        });
      const [fromId, toId] = [await end(body.fromRoadId), await end(body.toRoadId)];
      const taken = () => conflict('SEGMENT_TAKEN', `${road.name} 上已有该路段，或顺序号 ${body.seq} 已被其他路段使用`);
      if (await repo.segmentByEnds(tx, roadId, fromId, toId)) throw taken();
      const id = await repo.insertSegment(tx, {
        roadId,
        fromIntersectionId: fromId,
        toIntersectionId: toId,
        seq: body.seq,
        districtCode: road.districts[0] ?? null,
      });
      if (!id) throw taken();
      await audit(tx, actor, {
        action: 'roadworks.segment.create',
        targetType: 'segment',
        targetId: id,
        details: { road: road.name, from: ends.get(body.fromRoadId), to: ends.get(body.toRoadId), seq: body.seq },
      });
    });
    return this.road(principal, roadId);
  }

  async setProtection(actor: Actor, segmentId: number, body: z.infer<typeof SegmentProtectionBodySchema>) {
    await this.platform.db.transaction(async (tx) => {
      const seg = await repo.lockSegment(tx, segmentId);
      if (!seg) throw notFound('路段');
      if (seg.retiredAt) throw conflict('GAZETTEER_RETIRED', '路段已停用，不能修改');
      if (seg.version !== body.version) throw versionConflict();
      await repo.insertHistory(tx, { entity: 'segment', entityId: segmentId, version: seg.version, data: seg, changedBy: actor.userId });
      await repo.updateSegment(tx, segmentId, { protectedSince: body.protectedSince, protectionKind: body.protectionKind, updatedBy: actor.userId });
      await audit(tx, actor, {
        action: 'roadworks.segment.protection',
        targetType: 'segment',
        targetId: segmentId,
        details: { protectedSince: body.protectedSince, kind: body.protectionKind },
      });
    });
    const [row] = await repo.segments(this.platform.db, [segmentId]);
    return segmentView(row!);
  }

  async history(entity: GazetteerEntity, id: number) {
    const rows = await repo.history(this.platform.db, entity, id);
    return rows.map((r) => ({ version: r.version, data: r.data as Record<string, unknown>, changedAt: r.changedAt.toISOString() }));
  }
}
