import {
  isLatinQuery,
  normaliseRoadName,
  type RoadBodySchema,
  type RoadDetail,
  type RoadSuggestion,
  type RoadUpdateBodySchema,
  type SegmentProtectionBodySchema,
} from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { conflict, notFound, versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { roadActions } from './gazetteer.policy.ts';
import { gazetteerRepository as repo } from './gazetteer.repository.ts';

interface Caller {
  principal: Principal;
  actor: Actor;
}

import { roadView, segmentView } from './gazetteer.view.ts';
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
    return roadView(road, await repo.segmentsOfRoad(this.platform.db, id), roadActions(principal));
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

  async setProtection(actor: Actor, segmentId: number, body: z.infer<typeof SegmentProtectionBodySchema>) {
    await this.platform.db.transaction(async (tx) => {
      const seg = await repo.lockSegment(tx, segmentId);
      if (!seg) throw notFound('路段');
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

  async history(entity: 'road' | 'segment', id: number) {
    const rows = await repo.history(this.platform.db, entity, id);
    return rows.map((r) => ({ version: r.version, data: r.data as Record<string, unknown>, changedAt: r.changedAt.toISOString() }));
  }
}
