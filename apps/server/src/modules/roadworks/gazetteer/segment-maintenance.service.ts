import type { Intersection, IntersectionUpdateBodySchema, RetireBodySchema, RoadDetail, SegmentUpdateBodySchema } from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound, versionConflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { gazetteerRepository as repo } from './gazetteer.repository.ts';
import type { GazetteerService } from './gazetteer.service.ts';
import { intersectionView, segmentView } from './gazetteer.view.ts';
import { intersectionName } from './gazetteer-seed.ts';

interface Caller {
  principal: Principal;
  actor: Actor;
}

const bad = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ field, message }]);
const retired = (what: string) => conflict('GAZETTEER_RETIRED', `${what}已停用，不能修改`);

/**
 * R5 corrections of segments and intersections: an edit keeps the previous version in the history, a retire keeps the
 * row (permits name it) but takes it out of service — refused while open cases (or segments in service) depend on it.
 */
export class SegmentMaintenanceService {
  constructor(
    private readonly platform: Platform,
    private readonly gazetteer: GazetteerService,
  ) {}

  /** Other ends (intersections in service on the same road) or another place in the road's order. */
  async updateSegment({ principal, actor }: Caller, id: number, body: z.infer<typeof SegmentUpdateBodySchema>): Promise<RoadDetail> {
    if (body.fromIntersectionId === body.toIntersectionId) throw bad('toIntersectionId', '起点和终点路口不能相同');
    const roadId = await this.platform.db.transaction(async (tx) => {
      const seg = await this.lockSegment(tx, id, body.version);
      const ends = new Map((await repo.intersections(tx, [body.fromIntersectionId, body.toIntersectionId])).map((i) => [i.id, i]));
      for (const field of ['fromIntersectionId', 'toIntersectionId'] as const) {
        const end = ends.get(body[field]);
        if (!end) throw bad(field, '路口不存在');
        if (end.retiredAt) throw bad(field, `路口“${end.name}”已停用`);
        if (!end.roadIds.includes(seg.roadId)) throw bad(field, `路口“${end.name}”不在本道路上`);
      }
      const clash = { id, roadId: seg.roadId, fromId: body.fromIntersectionId, toId: body.toIntersectionId, seq: body.seq };
      if (await repo.segmentClash(tx, clash)) throw conflict('SEGMENT_TAKEN', `本道路上已有该起止路口的路段，或顺序号 ${body.seq} 已被其他路段使用`);
      const [before] = await repo.segments(tx, [id]);
      await repo.insertHistory(tx, { entity: 'segment', entityId: id, version: seg.version, data: seg, changedBy: actor.userId });
      const { version: _, ...fields } = body;
      await repo.setSegmentEnds(tx, id, { ...fields, updatedBy: actor.userId });
      const [after] = await repo.segments(tx, [id]);
      await audit(tx, actor, {
        action: 'roadworks.segment.update',
        targetType: 'segment',
        targetId: id,
        details: { from: segmentView(before!).label, to: segmentView(after!).label, seq: body.seq, version: seg.version + 1 },
      });
      return seg.roadId;
    });
    return this.gazetteer.road(principal, roadId);
  }

  async retireSegment({ principal, actor }: Caller, id: number, body: z.infer<typeof RetireBodySchema>): Promise<RoadDetail> {
    const roadId = await this.platform.db.transaction(async (tx) => {
      const seg = await this.lockSegment(tx, id, body.version);
      const [row] = await repo.segments(tx, [id]);
      const label = segmentView(row!).label;
      const open = await repo.openCasesOnSegment(tx, id, 6);
      if (open.length > 0) {
        const named = open.length > 5 ? `${open.slice(0, 5).join('、')} 等` : open.join('、');
        throw conflict('GAZETTEER_IN_USE', `路段“${label}”仍有未办结的施工办件（${named}），不能停用；请在办件办结（竣工或不予许可）后再停用`);
      }
      await repo.insertHistory(tx, { entity: 'segment', entityId: id, version: seg.version, data: seg, changedBy: actor.userId });
      await repo.retireSegment(tx, id, actor.userId);
      await audit(tx, actor, { action: 'roadworks.segment.retire', targetType: 'segment', targetId: id, details: { label, reason: body.reason } });
      return seg.roadId;
    });
    return this.gazetteer.road(principal, roadId);
  }

  /** The roads that meet there (each road of a segment ending at it must stay) and the district; the name follows the roads. */
  async updateIntersection(actor: Actor, id: number, body: z.infer<typeof IntersectionUpdateBodySchema>): Promise<Intersection> {
    await this.platform.db.transaction(async (tx) => {
      const node = await this.lockIntersection(tx, id, body.version);
      const roads = new Map((await repo.roadsByIds(tx, body.roadIds)).map((r) => [r.id, r.name]));
      const unknown = body.roadIds.find((r) => !roads.has(r));
      if (unknown !== undefined) throw bad('roadIds', `道路 ${unknown} 不存在`);
      const needed = (await repo.segmentsAt(tx, id)).find((s) => !roads.has(s.roadId));
      if (needed) throw bad('roadIds', `须保留道路“${needed.roadName}”：其路段以本路口为起止点`);
      const name = intersectionName([...roads.values()]);
      if (await repo.intersectionNamed(tx, name, id)) throw conflict('SEGMENT_TAKEN', `已有路口“${name}”`);
      await repo.insertHistory(tx, { entity: 'intersection', entityId: id, version: node.version, data: node, changedBy: actor.userId });
      const roadIds = [...body.roadIds].sort((a, b) => a - b);
      await repo.updateIntersection(tx, id, { name, roadIds, districtCode: body.districtCode, updatedBy: actor.userId });
      await audit(tx, actor, {
        action: 'roadworks.intersection.update',
        targetType: 'intersection',
        targetId: id,
        details: { from: node.name, to: name, districtCode: body.districtCode, version: node.version + 1 },
      });
    });
    return this.intersection(id);
  }

  async retireIntersection(actor: Actor, id: number, body: z.infer<typeof RetireBodySchema>): Promise<Intersection> {
    await this.platform.db.transaction(async (tx) => {
      const node = await this.lockIntersection(tx, id, body.version);
      const segments = await repo.segmentsAt(tx, id);
      if (segments.length > 0) {
        const labels = segments.slice(0, 5).map((s) => segmentView(s).label);
        throw conflict(
          'GAZETTEER_IN_USE',
          `路口“${node.name}”仍是 ${segments.length} 个在用路段的起止点（${labels.join('、')}${segments.length > 5 ? ' 等' : ''}），须先修改或停用这些路段`,
        );
      }
      await repo.insertHistory(tx, { entity: 'intersection', entityId: id, version: node.version, data: node, changedBy: actor.userId });
      await repo.retireIntersection(tx, id, actor.userId);
      await audit(tx, actor, {
        action: 'roadworks.intersection.retire',
        targetType: 'intersection',
        targetId: id,
        details: { name: node.name, reason: body.reason },
      });
    });
    return this.intersection(id);
  }

  private async intersection(id: number): Promise<Intersection> {
    const [row] = await repo.intersections(this.platform.db, [id]);
    return intersectionView(row!, await this.gazetteer.roadNames(row!.roadIds));
  }

  private async lockSegment(tx: DbOrTx, id: number, version: number) {
    const seg = await repo.lockSegment(tx, id);
    if (!seg) throw notFound('路段');
    if (seg.retiredAt) throw retired('路段');
    if (seg.version !== version) throw versionConflict();
    return seg;
  }

  private async lockIntersection(tx: DbOrTx, id: number, version: number) {
    const node = await repo.lockIntersection(tx, id);
    if (!node) throw notFound('路口');
    if (node.retiredAt) throw retired('路口');
    if (node.version !== version) throw versionConflict();
    return node;
  }
}
