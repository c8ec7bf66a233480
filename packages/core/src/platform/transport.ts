import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { idField, PageQuerySchema, text } from './common.ts';

/** The content type of a request or reply body that is a sealed digital envelope (packages/gm, format v1). */
export const ENVELOPE_CONTENT_TYPE = 'application/shtp-envelope';

export const DEVICE_STATUSES = ['active', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export const DEVICE_STATUS_LABELS: Record<DeviceStatus, string> = { active: '启用', disabled: '停用' };

/**
 * What a registered device may do over the sealed channel: `pda` — an officer's handheld (business routes on a
 * session); `breathalyser` — push breath-alcohol readings (P4). A handheld with a bound breathalyser has both.
 */
export const DEVICE_CAPABILITIES = ['pda', 'breathalyser'] as const;
export type DeviceCapability = (typeof DEVICE_CAPABILITIES)[number];
export const DEVICE_CAPABILITY_LABELS: Record<DeviceCapability, string> = { pda: '执法终端', breathalyser: '酒精测试仪' };
const CapabilitiesSchema = z
  .array(z.enum(DEVICE_CAPABILITIES, { error: '终端类型须为执法终端或酒精测试仪' }), { error: '终端类型必须选择' })
  .min(1, '终端类型至少选择一项')
  .transform((list) => DEVICE_CAPABILITIES.filter((c) => list.includes(c)));

/** The device code is the sender key ID of its envelopes: printable ASCII only, so it reads the same everywhere. */
export const DeviceCodeSchema = safeString({ error: '终端编号必须填写' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, '终端编号须为 3–64 位字母、数字、点、下划线或连字符，以字母或数字开头');

/** SM2 public key as pasted by the operator: PEM (SubjectPublicKeyInfo) or hex; the server checks the point. */
const PublicKeyInputSchema = safeString({ error: 'SM2 公钥必须填写' }, 'SM2 公钥').trim().min(1, 'SM2 公钥必须填写').max(2000, 'SM2 公钥过长');

export const DeviceSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  /** Uncompressed hex `04‖x‖y`. */
  publicKey: z.string(),
  /** First 16 hex digits of SM3(public key), for comparing with the device's own display. */
  fingerprint: z.string(),
  status: z.enum(DEVICE_STATUSES),
  capabilities: z.array(z.enum(DEVICE_CAPABILITIES)),
  lastSeenAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DeviceListQuerySchema = PageQuerySchema.extend({
  keyword: safeString().trim().max(64, '关键字不能超过 64 个字符').optional(),
  status: z.enum(DEVICE_STATUSES, { error: '状态须为启用或停用' }).optional(),
});
export type DeviceListQuery = z.infer<typeof DeviceListQuerySchema>;

export const DeviceCreateBodySchema = z.strictObject({
  code: DeviceCodeSchema,
  name: text('终端名称', 64),
  departmentId: idField('所属部门', { missing: '所属部门必须选择' }),
  publicKey: PublicKeyInputSchema,
  /** Absent: a handheld only (`pda`), which cannot push breathalyser readings. */
  capabilities: CapabilitiesSchema.default(['pda']),
});
export type DeviceCreateBody = z.infer<typeof DeviceCreateBodySchema>;

/** Rename, move, disable/enable or replace the key: any of them, at least one. */
export const DeviceUpdateBodySchema = z
  .strictObject({
    name: text('终端名称', 64).optional(),
    departmentId: idField('所属部门').optional(),
    status: z.enum(DEVICE_STATUSES, { error: '状态须为启用或停用' }).optional(),
    publicKey: PublicKeyInputSchema.optional(),
    capabilities: CapabilitiesSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容', path: ['name'] });
export type DeviceUpdateBody = z.infer<typeof DeviceUpdateBodySchema>;

/** What a device needs to seal to the server: its current transport key. */
export const ServerKeySchema = z.object({
  /** The recipient key ID to put in envelopes (`transport:<version>`). */
  keyId: z.string(),
  version: z.number().int(),
  algorithm: z.literal('SM2'),
  /** Uncompressed hex `04‖x‖y`. */
  publicKey: z.string(),
  /** The same key as SubjectPublicKeyInfo PEM, for `gm seal --to` and `openssl pkey -pubin`. */
  publicKeyPem: z.string(),
  contentType: z.literal(ENVELOPE_CONTENT_TYPE),
  /** Envelopes older than this are refused (system parameter). */
  maxAgeSeconds: z.number().int(),
});
export type ServerKey = z.infer<typeof ServerKeySchema>;

export const HeartbeatBodySchema = z.strictObject({
  appVersion: text('应用版本', 32),
  /** The device's clock when it sent the heartbeat; the reply tells it how far off it is. */
  time: z.iso.datetime({ offset: true, error: '终端时间须为 ISO 8601 时间（含时区）' }),
});
export type HeartbeatBody = z.infer<typeof HeartbeatBodySchema>;

export const HeartbeatReplySchema = z.object({
  serverTime: z.string(),
  /** Server time minus device time, in ms: a device far off cannot seal fresh envelopes. */
  clockOffsetMs: z.number().int(),
  /** When this differs from the key the device sealed to, it fetches /api/transport/server-key again. */
  serverKeyId: z.string(),
  serverKeyVersion: z.number().int(),
});
export type HeartbeatReply = z.infer<typeof HeartbeatReplySchema>;
