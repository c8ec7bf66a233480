import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';

/** Which way a package travels as seen from this zone. */
export const EXCHANGE_DIRECTIONS = { out: '发出', in: '接收' } as const;
export type ExchangeDirection = keyof typeof EXCHANGE_DIRECTIONS;

/** A package's states: outbound sealed → (resent); inbound applied, duplicate (applied nothing), held (waits for a gap), quarantined. */
export const PACKAGE_STATES = {
  sealed: '已封装',
  applied: '已入库',
  duplicate: '重复（未重复入库）',
  held: '等待缺失序号',
  quarantined: '已隔离',
} as const;
export type PackageState = keyof typeof PACKAGE_STATES;

export const ExchangePackageSchema = z.object({
  id: z.number().int(),
  packageId: z.string(),
  direction: z.enum(['out', 'in']),
  channel: z.string(),
  sequence: z.number().int(),
  previousSequence: z.number().int(),
  businessType: z.string(),
  recordCount: z.number().int(),
  bytes: z.number().int(),
  state: z.enum(Object.keys(PACKAGE_STATES) as [PackageState, ...PackageState[]]),
  reason: z.string().nullable(),
  createdAt: z.string(),
  resentAt: z.string().nullable(),
  /** Outbound: when the other zone's receipt confirmed the package applied. */
  confirmedAt: z.string().nullable(),
  actions: actionsSchema(['resend']),
});
export type ExchangePackage = z.infer<typeof ExchangePackageSchema>;

export const ExchangePackageListSchema = z.object({
  items: z.array(ExchangePackageSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** One line of the daily reconciliation: records per data set and day, sent by this zone or applied by it. */
export const ReconciliationRowSchema = z.object({
  day: z.string(),
  direction: z.enum(['out', 'in']),
  channel: z.string(),
  packages: z.number().int(),
  records: z.number().int(),
  quarantined: z.number().int(),
  /** Outbound only: records the other zone confirmed applied by its receipts (null for inbound lines). */
  confirmed: z.number().int().nullable(),
});
export const ExchangeReconciliationSchema = z.object({
  rows: z.array(ReconciliationRowSchema),
  gaps: z.array(z.object({ channel: z.string(), missing: z.array(z.number().int()) })),
});

/** 工作台 card: what waits for the operator of the crossing. */
export const ExchangeAttentionSchema = z.object({
  quarantined: z.number().int(),
  /** Received packages waiting for a missing sequence number. */
  held: z.number().int(),
  /** Sequence numbers missing now, over all channels. */
  missing: z.number().int(),
});
export type ExchangeAttention = z.infer<typeof ExchangeAttentionSchema>;

export const ExchangeRunResultSchema = z.object({ sealed: z.number().int(), received: z.number().int() });

/** Audit actions of the module, named for people (its part of the audit action catalogue). */
export const EXCHANGE_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'exchange.run': '执行数据交换',
  'exchange.resend': '重发数据包',
  'exchange.resync': '全量重同步',
  'exchange.staff-password': '申请互联网区账户初始密码',
};

/** G5/G13: whether the signed-in officer may ask for an internet-zone initial password, and when they last did. */
export const StaffPasswordStatusSchema = z.object({
  eligible: z.boolean(),
  /** Why not (zone, role not recognised), in Chinese. */
  reason: z.string().nullable(),
  issuedAt: z.string().nullable(),
  /** The password rides on the officer's records read within this many hours of its issuance. */
  crossingHours: z.number().int(),
});
export type StaffPasswordStatus = z.infer<typeof StaffPasswordStatusSchema>;

/** The initial password, answered once (never stored in clear, never shown again). */
export const StaffPasswordIssuedSchema = z.object({ username: z.string(), password: z.string(), issuedAt: z.string() });
export type StaffPasswordIssued = z.infer<typeof StaffPasswordIssuedSchema>;
