import type { LineString } from '@shtp/core/roadworks';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { rwGazetteerHistory, rwIntersections, rwRoadNames, rwRoads, rwSegments, rwSubdistricts } from '../roadworks.table.ts';
import { bigramsOf, type RoadNameKeys } from './road-keys.ts';

export type RoadRow = typeof rwRoads.$inferSelect;
export type NameForm = { name: string; kind: 'standard' | 'alias' | 'former' } & RoadNameKeys;

export interface SuggestionRow {
  road_id: number;
  matched: string;
  kind: 'standard' | 'alias' | 'former';
  name: string;
  districts: string[];
  grade: string;
}

export interface SegmentRow {
  id: number;
  roadId: number;
  roadName: string;
  seq: number;
  fromId: number;
  fromName: string;
  toId: number;
  toName: string;
  districtCode: string | null;
  geometry: LineString | null;
  protectedSince: string | null;
  protectionKind: string | null;
  version: number;
  retiredAt: Date | null;
}

export type GazetteerEntity = 'road' | 'segment' | 'intersection';
export type IntersectionRow = typeof rwIntersections.$inferSelect;

const like = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const fromI = alias(rwIntersections, 'from_i');
const toI = alias(rwIntersections, 'to_i');

/** All SQL of the road gazetteer (R5). */
export const gazetteerRepository = {
  /**
   * Picker suggestions: a Latin query by pinyin / initials prefix, a Chinese one by key prefix, or (≥ 2 characters)
   * by key substring found through the two-character pieces' GIN index and checked with like; exact before prefix
   * before substring, shorter names first.
   */
  async suggest(db: DbOrTx, q: { key: string; latin: boolean; limit: number }): Promise<SuggestionRow[]> {
    const prefix = `${like(q.key)}%`;
    const where = q.latin
      ? sql`(n.initials like ${prefix} or n.pinyin like ${prefix})`
      : q.key.length >= 2
        ? sql`(n.bigrams @> ${sql.param(bigramsOf(q.key))}::text[] and n.key like ${`%${like(q.key)}%`})`
        : sql`n.key like ${prefix}`;
    const rank = q.latin
      ? sql`case when n.initials = ${q.key} or n.pinyin = ${q.key} then 0 when n.initials like ${prefix} then 1 else 2 end`
      : sql`case when n.key = ${q.key} then 0 when n.key like ${prefix} then 1 else 2 end`;
    return queryRows<SuggestionRow>(
      db,
      sql`select road_id, matched, kind, name, districts, grade from (
            select distinct on (n.road_id) n.road_id, n.name as matched, n.kind, r.name, r.districts, r.grade, ${rank} as rank
            from rw_road_names n join rw_roads r on r.id = n.road_id
            where ${where}
            order by n.road_id, ${rank}, (n.kind = 'standard') desc
          ) s order by rank, length(name), name limit ${q.limit}`,
    );
  },

  async road(db: DbOrTx, id: number): Promise<RoadRow | undefined> {
    const [row] = await db.select().from(rwRoads).where(eq(rwRoads.id, id));
    return row;
  },

  async lockRoad(db: DbOrTx, id: number): Promise<RoadRow | undefined> {
    const [row] = await db.select().from(rwRoads).where(eq(rwRoads.id, id)).for('update');
    return row;
  },

  /** A road with the same standard name in one of the districts (a name is unique per district). */
  async sameNameInDistricts(db: DbOrTx, name: string, districts: string[], exceptId: number | null): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from rw_roads where name = ${name} and districts && ${sql.param(districts)}::text[] ${exceptId === null ? sql`` : sql`and id <> ${exceptId}`} limit 1`,
    );
    return rows.length > 0;
  },

  async insertRoad(
    db: DbOrTx,
    r: { name: string; aliases: string[]; formerNames: string[]; districts: string[]; grade: string; partial: boolean; updatedBy: number | null },
  ): Promise<number> {
    const [row] = await db.insert(rwRoads).values(r).returning({ id: rwRoads.id });
    return row!.id;
  },

  async updateRoad(
    db: DbOrTx,
    id: number,
    r: { name: string; aliases: string[]; formerNames: string[]; districts: string[]; grade: string; updatedBy: number },
  ): Promise<void> {
    await db
      .update(rwRoads)
      .set({ ...r, partial: false, version: sql`${rwRoads.version} + 1`, updatedAt: new Date() })
      .where(eq(rwRoads.id, id));
  },

  async replaceNames(db: DbOrTx, roadId: number, names: NameForm[]): Promise<void> {
    await db.delete(rwRoadNames).where(eq(rwRoadNames.roadId, roadId));
    if (names.length > 0) await db.insert(rwRoadNames).values(names.map((n) => ({ roadId, ...n })));
  },

  async insertHistory(db: DbOrTx, h: { entity: GazetteerEntity; entityId: number; version: number; data: unknown; changedBy: number | null }): Promise<void> {
    await db.insert(rwGazetteerHistory).values(h);
  },

  async history(db: DbOrTx, entity: GazetteerEntity, entityId: number) {
    return db
      .select({ version: rwGazetteerHistory.version, data: rwGazetteerHistory.data, changedAt: rwGazetteerHistory.changedAt })
      .from(rwGazetteerHistory)
      .where(and(eq(rwGazetteerHistory.entity, entity), eq(rwGazetteerHistory.entityId, entityId)))
      .orderBy(asc(rwGazetteerHistory.version));
  },

  segmentsSelect(db: DbOrTx) {
    return db
      .select({
        id: rwSegments.id,
        roadId: rwSegments.roadId,
        roadName: rwRoads.name,
        seq: rwSegments.seq,
        fromId: fromI.id,
        fromName: fromI.name,
        toId: toI.id,
        toName: toI.name,
        districtCode: rwSegments.districtCode,
        geometry: rwSegments.geometry,
        protectedSince: rwSegments.protectedSince,
        protectionKind: rwSegments.protectionKind,
        version: rwSegments.version,
        retiredAt: rwSegments.retiredAt,
      })
      .from(rwSegments)
      .innerJoin(rwRoads, eq(rwRoads.id, rwSegments.roadId))
      .innerJoin(fromI, eq(fromI.id, rwSegments.fromIntersectionId))
      .innerJoin(toI, eq(toI.id, rwSegments.toIntersectionId));
  },

  async segmentsOfRoad(db: DbOrTx, roadId: number): Promise<SegmentRow[]> {
    return this.segmentsSelect(db).where(eq(rwSegments.roadId, roadId)).orderBy(asc(rwSegments.seq));
  },

  async segments(db: DbOrTx, ids: number[]): Promise<SegmentRow[]> {
    if (ids.length === 0) return [];
    return this.segmentsSelect(db).where(inArray(rwSegments.id, ids));
  },

  async lockSegment(db: DbOrTx, id: number) {
    const [row] = await db.select().from(rwSegments).where(eq(rwSegments.id, id)).for('update');
    return row;
  },

  async segmentByEnds(db: DbOrTx, roadId: number, fromId: number, toId: number) {
    const [row] = await db
      .select()
      .from(rwSegments)
      .where(and(eq(rwSegments.roadId, roadId), eq(rwSegments.fromIntersectionId, fromId), eq(rwSegments.toIntersectionId, toId), isNull(rwSegments.retiredAt)))
      .for('update');
    return row;
  },

  /** Another segment in service on the road with these ends or at this place in the order (an edit would collide). */
  async segmentClash(db: DbOrTx, s: { id: number; roadId: number; fromId: number; toId: number; seq: number }): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from rw_segments where road_id = ${s.roadId} and id <> ${s.id} and retired_at is null
            and (seq = ${s.seq} or (from_intersection_id = ${s.fromId} and to_intersection_id = ${s.toId})) limit 1`,
    );
    return rows.length > 0;
  },

  async setSegmentEnds(db: DbOrTx, id: number, s: { fromIntersectionId: number; toIntersectionId: number; seq: number; updatedBy: number | null }) {
    await db
      .update(rwSegments)
      .set({ ...s, version: sql`${rwSegments.version} + 1`, updatedAt: new Date() })
      .where(eq(rwSegments.id, id));
  },

  async retireSegment(db: DbOrTx, id: number, updatedBy: number | null): Promise<void> {
    await db
      .update(rwSegments)
      .set({ retiredAt: new Date(), updatedBy, version: sql`${rwSegments.version} + 1`, updatedAt: new Date() })
      .where(eq(rwSegments.id, id));
  },

  /** Case numbers of the open cases (not refused, not reported finished) placed on the segment, a few for the message. */
  async openCasesOnSegment(db: DbOrTx, segmentId: number, limit: number): Promise<string[]> {
    const rows = await queryRows<{ caseNo: string }>(
      db,
      sql`select distinct c.case_no as "caseNo" from rw_placements p join rw_cases c on c.id = p.case_id
          where p.segment_id = ${segmentId} and c.status <> 'refused' and c.completed_at is null
          order by 1 limit ${limit}`,
    );
    return rows.map((r) => r.caseNo);
  },

  /**
   * The segments among `ids` still in service, share-locked: a segment being retired waits for the placement (and
   * the retire then sees the new open case), or the placement sees it retired.
   */
  async inServiceForShare(db: DbOrTx, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await queryRows<{ id: number }>(db, sql`select id from rw_segments where id = any(${sql.param(ids)}::int[]) and retired_at is null for share`);
    return rows.map((r) => r.id);
  },

  async lockIntersection(db: DbOrTx, id: number): Promise<IntersectionRow | undefined> {
    const [row] = await db.select().from(rwIntersections).where(eq(rwIntersections.id, id)).for('update');
    return row;
  },

  async intersections(db: DbOrTx, ids: number[]): Promise<IntersectionRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(rwIntersections).where(inArray(rwIntersections.id, ids));
  },

  /** The intersections in service on a road (GIN index on road_ids). */
  async intersectionsOfRoad(db: DbOrTx, roadId: number): Promise<IntersectionRow[]> {
    return db
      .select()
      .from(rwIntersections)
      .where(and(sql`${rwIntersections.roadIds} @> array[${roadId}]::int[]`, isNull(rwIntersections.retiredAt)))
      .orderBy(asc(rwIntersections.name));
  },

  /** Another intersection in service with this name. */
  async intersectionNamed(db: DbOrTx, name: string, exceptId: number): Promise<boolean> {
    const rows = await queryRows<{ id: number }>(
      db,
      sql`select id from rw_intersections where name = ${name} and id <> ${exceptId} and retired_at is null limit 1`,
    );
    return rows.length > 0;
  },

  async updateIntersection(db: DbOrTx, id: number, i: { name: string; roadIds: number[]; districtCode: string | null; updatedBy: number | null }) {
    await db
      .update(rwIntersections)
      .set({ ...i, version: sql`${rwIntersections.version} + 1`, updatedAt: new Date() })
      .where(eq(rwIntersections.id, id));
  },

  async retireIntersection(db: DbOrTx, id: number, updatedBy: number | null): Promise<void> {
    await db
      .update(rwIntersections)
      .set({ retiredAt: new Date(), updatedBy, version: sql`${rwIntersections.version} + 1`, updatedAt: new Date() })
      .where(eq(rwIntersections.id, id));
  },

  /** Segments in service that start or end at the intersection, with their road (an intersection edit or retire needs them). */
  async segmentsAt(db: DbOrTx, intersectionId: number): Promise<SegmentRow[]> {
    return this.segmentsSelect(db)
      .where(
        and(isNull(rwSegments.retiredAt), sql`(${rwSegments.fromIntersectionId} = ${intersectionId} or ${rwSegments.toIntersectionId} = ${intersectionId})`),
      )
      .orderBy(asc(rwSegments.id));
  },

  async updateSegment(
    db: DbOrTx,
    id: number,
    s: { protectedSince?: string | null; protectionKind?: string | null; geometry?: LineString | null; updatedBy: number | null },
  ): Promise<void> {
    await db
      .update(rwSegments)
      .set({ ...s, version: sql`${rwSegments.version} + 1`, updatedAt: new Date() })
      .where(eq(rwSegments.id, id));
  },

  /** An intersection by its canonical name (roads sorted, joined by “/”), created when missing. */
  async ensureIntersection(db: DbOrTx, i: { name: string; roadIds: number[]; districtCode: string | null }): Promise<number> {
    const [row] = await db
      .insert(rwIntersections)
      .values(i)
      .onConflictDoUpdate({ target: rwIntersections.name, targetWhere: sql`retired_at is null`, set: { name: sql`excluded.name` } })
      .returning({ id: rwIntersections.id });
    return row!.id;
  },

  async insertSegment(
    db: DbOrTx,
    s: { roadId: number; fromIntersectionId: number; toIntersectionId: number; seq: number; districtCode: string | null; geometry?: LineString | null },
  ): Promise<number> {
    const [row] = await db.insert(rwSegments).values(s).onConflictDoNothing().returning({ id: rwSegments.id });
    return row?.id ?? 0;
  },

  async roadsByIds(db: DbOrTx, ids: number[]): Promise<{ id: number; name: string }[]> {
    return db.select({ id: rwRoads.id, name: rwRoads.name }).from(rwRoads).where(inArray(rwRoads.id, ids));
  },

  async roadIdsByName(db: DbOrTx, names: string[]): Promise<Map<string, number>> {
    if (names.length === 0) return new Map();
    const rows = await db.select({ id: rwRoads.id, name: rwRoads.name }).from(rwRoads).where(inArray(rwRoads.name, names));
    return new Map(rows.map((r) => [r.name, r.id]));
  },

  /**
   * The seed's batches: one statement per table, the rows as one JSON parameter (a road-by-road seed took seconds
   * on every new database, and thousands of bound parameters are slow on PGlite too).
   */
  async insertRoads(
    db: DbOrTx,
    rows: { name: string; aliases: string[]; formerNames: string[]; districts: string[]; grade: string; partial: boolean }[],
  ): Promise<{ id: number; name: string }[]> {
    return queryRows<{ id: number; name: string }>(
      db,
      sql`insert into rw_roads (name, aliases, former_names, districts, grade, partial)
          select name, aliases, "formerNames", districts, grade, partial
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(name text, aliases text[], "formerNames" text[], districts text[], grade text, partial boolean)
          returning id, name`,
    );
  },

  async insertNames(db: DbOrTx, rows: (NameForm & { roadId: number })[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(
      sql`insert into rw_road_names (road_id, name, kind, key, pinyin, initials, bigrams)
          select "roadId", name, kind, key, pinyin, initials, bigrams
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x("roadId" integer, name text, kind text, key text, pinyin text, initials text, bigrams text[])`,
    );
  },

  /** Intersections by unique name (an existing one is kept), their ids by name. */
  async ensureIntersections(db: DbOrTx, rows: { name: string; roadIds: number[]; districtCode: string | null }[]): Promise<Map<string, number>> {
    if (rows.length === 0) return new Map();
    const out = await queryRows<{ id: number; name: string }>(
      db,
      sql`insert into rw_intersections (name, road_ids, district_code)
          select name, "roadIds", "districtCode"
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(name text, "roadIds" integer[], "districtCode" text)
          on conflict (name) where retired_at is null do update set name = excluded.name
          returning id, name`,
    );
    return new Map(out.map((r) => [r.name, r.id]));
  },

  async insertSegments(
    db: DbOrTx,
    rows: {
      roadId: number;
      fromIntersectionId: number;
      toIntersectionId: number;
      seq: number;
      districtCode: string | null;
      geometry?: LineString | undefined;
    }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const out = await queryRows<{ id: number }>(
      db,
      sql`insert into rw_segments (road_id, from_intersection_id, to_intersection_id, seq, district_code, geometry)
          select "roadId", "fromIntersectionId", "toIntersectionId", seq, "districtCode", geometry
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x("roadId" integer, "fromIntersectionId" integer, "toIntersectionId" integer, seq integer, "districtCode" text, geometry jsonb)
          on conflict do nothing
          returning id`,
    );
    return out.length;
  },

  async roadCount(db: DbOrTx): Promise<number> {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from rw_roads`);
    return row!.n;
  },

  async insertSubdistricts(db: DbOrTx, rows: { code: string; name: string; districtCode: string }[]): Promise<void> {
    await db.insert(rwSubdistricts).values(rows).onConflictDoNothing();
  },

  /** Segments with their geometry, in pages by id (GeoJSON export streams them). */
  async segmentsAfter(db: DbOrTx, afterId: number, limit: number): Promise<SegmentRow[]> {
    return this.segmentsSelect(db).where(sql`${rwSegments.id} > ${afterId}`).orderBy(asc(rwSegments.id)).limit(limit);
  },
};
