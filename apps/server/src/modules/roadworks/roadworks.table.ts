import type { LineString } from '@shtp/core/roadworks';
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { departments, users } from '../../platform/rbac/rbac.table.ts';

/** PostgreSQL `daterange` (inclusive bounds, as '[2026-01-01,2026-02-01)'), kept as its text form. */
const daterange = customType<{ data: string }>({ dataType: () => 'daterange' });

/** R5 roads: the standard name, its district(s) and grade; other name forms live in rw_road_names. */
export const rwRoads = pgTable('rw_roads', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  aliases: text().array().notNull().default(sql`'{}'`),
  formerNames: text('former_names').array().notNull().default(sql`'{}'`),
  districts: text().array().notNull(),
  grade: text().notNull(),
  /** Entered by the seed (not yet checked by an administrator). */
  partial: boolean().notNull().default(false),
  version: integer().notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/**
 * Every name form of a road (standard, alias, former) with its normalised key, full pinyin and initials, each
 * prefix-indexed (text_pattern_ops), and the key's two-character pieces GIN-indexed (a Chinese substring query of
 * any length ≥ 2 is an index lookup; trigrams cannot serve a two-character query), so the picker never scans.
 */
export const rwRoadNames = pgTable(
  'rw_road_names',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    roadId: integer('road_id')
      .notNull()
      .references(() => rwRoads.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    kind: text().notNull(),
    key: text().notNull(),
    pinyin: text().notNull(),
    initials: text().notNull(),
    bigrams: text().array().notNull().default(sql`'{}'`),
  },
  (t) => [
    index('rw_road_names_road').on(t.roadId),
    index('rw_road_names_key_prefix').using('btree', t.key.op('text_pattern_ops')),
    index('rw_road_names_pinyin_prefix').using('btree', t.pinyin.op('text_pattern_ops')),
    index('rw_road_names_initials_prefix').using('btree', t.initials.op('text_pattern_ops')),
    index('rw_road_names_bigrams').using('gin', t.bigrams),
  ],
);

/** An intersection of two or more roads (名称如“延安西路/华山路”). */
export const rwIntersections = pgTable(
  'rw_intersections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    roadIds: integer('road_ids').array().notNull(),
    districtCode: text('district_code'),
    version: integer().notNull().default(0),
    /** Retired (kept for the permits that name it): no longer offered, its name free for a new one. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('rw_intersections_name').on(t.name).where(sql`retired_at is null`), index('rw_intersections_roads').using('gin', t.roadIds)],
);

/** A segment: one road between two of its intersections, in order along the road, with its protection period. */
export const rwSegments = pgTable(
  'rw_segments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    roadId: integer('road_id')
      .notNull()
      .references(() => rwRoads.id),
    fromIntersectionId: integer('from_intersection_id')
      .notNull()
      .references(() => rwIntersections.id),
    toIntersectionId: integer('to_intersection_id')
      .notNull()
      .references(() => rwIntersections.id),
    seq: integer().notNull(),
    districtCode: text('district_code'),
    /** GeoJSON LineString, when surveyed. */
    geometry: jsonb().$type<LineString>(),
    protectedSince: date('protected_since', { mode: 'string' }),
    protectionKind: text('protection_kind'),
    version: integer().notNull().default(0),
    /** Retired (never deleted: permits keep naming it); not offered for placement, its place in the order free. */
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: integer('updated_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('rw_segments_road_seq').on(t.roadId, t.seq).where(sql`retired_at is null`),
    uniqueIndex('rw_segments_ends').on(t.roadId, t.fromIntersectionId, t.toIntersectionId).where(sql`retired_at is null`),
  ],
);

/** Every earlier version of a road or segment (maintenance is versioned; who and when is also in the audit log). */
export const rwGazetteerHistory = pgTable(
  'rw_gazetteer_history',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    entity: text().notNull(),
    entityId: integer('entity_id').notNull(),
    version: integer().notNull(),
    data: jsonb().notNull(),
    changedBy: integer('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rw_gazetteer_history_entity').on(t.entity, t.entityId, t.version)],
);

/** R1 一网通办 cases (办件) and emergency repairs filed afterwards. */
export const rwCases = pgTable(
  'rw_cases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseNo: text('case_no').notNull(),
    applicant: text().notNull(),
    worksType: text('works_type').notNull(),
    requestedFrom: date('requested_from', { mode: 'string' }).notNull(),
    requestedTo: date('requested_to', { mode: 'string' }).notNull(),
    lanes: text().notNull(),
    trafficPlan: text('traffic_plan').notNull(),
    attachments: jsonb().notNull().default(sql`'[]'`),
    locationText: text('location_text').notNull(),
    status: text().notNull().default('received'),
    emergency: boolean().notNull().default(false),
    startedAt: timestamp('started_at', { withTimezone: true }),
    filingDueAt: timestamp('filing_due_at', { withTimezone: true }),
    /** Where the works are: the district of the first placed segment (before placement, the one the hub named). */
    districtCode: text('district_code'),
    /** The district the hub named (optional in its interface): the routing fallback when the placed segment's has no department. */
    declaredDistrictCode: text('declared_district_code'),
    /** The department that took the case (its first placement or the emergency filing); null while in the city inbox. */
    departmentId: integer('department_id').references(() => departments.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionSync: text('decision_sync'),
    /** The applicant reported the works finished (an approved case past its period without it is overrunning). */
    completedAt: date('completed_at', { mode: 'string' }),
    version: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('rw_cases_case_no').on(t.caseNo), index('rw_cases_status').on(t.status, t.receivedAt), index('rw_cases_department').on(t.departmentId)],
);

/**
 * Where a case's works are: one row per segment, with the case's period as a daterange; the GiST index over
 * (segment, period) answers “which permits touch this segment in this window” without a scan (btree_gist).
 */
export const rwPlacements = pgTable(
  'rw_placements',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => rwCases.id, { onDelete: 'cascade' }),
    segmentId: integer('segment_id')
      .notNull()
      .references(() => rwSegments.id),
    offsetM: integer('offset_m'),
    period: daterange().notNull(),
    digging: boolean().notNull(),
  },
  (t) => [index('rw_placements_case').on(t.caseId), index('rw_placements_segment_period').using('gist', t.segmentId, t.period)],
);

/** Routing of incoming 一网通办 cases: the department (支队/大队) that handles a district's cases. */
export const rwDistrictDepartments = pgTable('rw_district_departments', {
  districtCode: text('district_code').primaryKey(),
  departmentId: integer('department_id')
    .notNull()
    .references(() => departments.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/** The subdistricts (街道、镇) of the 16 districts: the gazetteer's reference for where a road lies (NBS 2023 codes). */
export const rwSubdistricts = pgTable('rw_subdistricts', {
  code: text().primaryKey(),
  name: text().notNull(),
  districtCode: text('district_code').notNull(),
});

/** R4 warnings found when a case was placed (replaced on each placement): rule, segment and the evidence. */
export const rwWarnings = pgTable(
  'rw_warnings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => rwCases.id, { onDelete: 'cascade' }),
    rule: text().notNull(),
    segmentId: integer('segment_id')
      .notNull()
      .references(() => rwSegments.id),
    districtCode: text('district_code'),
    message: text().notNull(),
    evidence: jsonb().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rw_warnings_case').on(t.caseId), index('rw_warnings_district_rule').on(t.districtCode, t.rule)],
);

/**
 * R3: each request file of the insurance association, once (unique name), with how it was answered: the response is
 * rebuilt from the request's window on every attempt (the same records), so a resend never adds or loses one.
 */
export const rwExchangeRequests = pgTable(
  'rw_exchange_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    requestId: text('request_id').notNull(),
    windowFrom: timestamp('window_from', { withTimezone: true }),
    windowTo: timestamp('window_to', { withTimezone: true }),
    status: text().notNull().default('received'),
    recordCount: integer('record_count'),
    sm3: text(),
    attempts: integer().notNull().default(0),
    error: text(),
    /** Lease of the process answering it now (several server processes never stream one response at once). */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('rw_exchange_requests_name').on(t.name), index('rw_exchange_requests_status').on(t.status, t.receivedAt)],
);
