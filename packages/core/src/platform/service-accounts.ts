import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { idField, PageQuerySchema, text } from './common.ts';
import type { PlatformErrorCode } from './error-codes.ts';

/**
 * Scopes a service account (接入应用) may be granted. A route opens itself to service callers with
 * `config.service = <scope>`; the server refuses a route whose scope is not listed here.
 */
export const SERVICE_SCOPES = [
  { code: 'recognition:call', name: '图像识别（号牌、身份号码、身份证、发票、执照、材料、翻拍）' },
  { code: 'violation:query', name: '违法信息查询与罚款缴款下单（SECURITY.md §3，互联网区政务服务接口）' },
  { code: 'driver:query', name: '本人驾驶证信息查询（随申办实名身份，互联网区政务服务接口）' },
  { code: 'appointment:book', name: '非机动车登记预约与取消（互联网区政务服务接口）' },
  { code: 'preregistration:submit', name: '非机动车网上预登记提交与查询（互联网区政务服务接口）' },
  { code: 'tempplate:intake', name: '临牌业务推送（车驾管等系统向临牌查验模块推送临牌办理业务）' },
  { code: 'archive:attach', name: '档案影像挂接（其他登记系统向业务的影像档案附加页面）' },
] as const;
export type ServiceScope = (typeof SERVICE_SCOPES)[number]['code'];
const SCOPE_CODES = SERVICE_SCOPES.map((s) => s.code) as [ServiceScope, ...ServiceScope[]];

export const SERVICE_SIGN_ALGS = ['HMAC-SM3', 'SM2'] as const;
export type ServiceSignAlg = (typeof SERVICE_SIGN_ALGS)[number];

export const SERVICE_ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type ServiceAccountStatus = (typeof SERVICE_ACCOUNT_STATUSES)[number];
export const SERVICE_ACCOUNT_STATUS_LABELS: Record<ServiceAccountStatus, string> = { active: '启用', disabled: '停用' };

/** Stable codes of refused service calls (docs/api/service-accounts.md). */
export const SERVICE_REJECTION_CODES = [
  'APP_UNKNOWN',
  'IP_DENIED',
  'TS_EXPIRED',
  'SIGN_INVALID',
  'REPLAY',
  'SCOPE_DENIED',
  'RATE_LIMITED',
] as const satisfies readonly PlatformErrorCode[];
export type ServiceRejectionCode = (typeof SERVICE_REJECTION_CODES)[number];

/** One address (10.1.2.3) or a CIDR block (10.1.0.0/16, 2001:db8::/32). */
const AddressSchema = z.union([z.ipv4(), z.cidrv4(), z.ipv6(), z.cidrv6()], { error: '须为 IP 地址或 CIDR 地址段，如 10.1.0.0/16' });

const ScopesSchema = z
  .array(z.enum(SCOPE_CODES, { error: `授权范围须为以下之一：${SCOPE_CODES.join('、')}` }), { error: '授权范围必须选择' })
  .min(1, '至少授予一个授权范围')
  .refine((a) => new Set(a).size === a.length, '授权范围重复');
const IpAllowlistSchema = z
  .array(safeString({ error: '来源地址须为文本' }).trim().pipe(AddressSchema), { error: '来源地址白名单须为列表' })
  .max(50, '来源地址白名单最多 50 项');
const RpsSchema = z.number({ error: '每秒请求数须为数字' }).min(0.1, '每秒请求数不能小于 0.1').max(1000, '每秒请求数不能大于 1000');
const BurstSchema = z.number({ error: '突发请求数须为整数' }).int('突发请求数须为整数').min(1, '突发请求数不能小于 1').max(10_000, '突发请求数不能大于 10000');
const DepartmentIdSchema = idField('所属部门', { missing: '所属部门必须选择' });
/** SM2 public key as pasted by the operator: PEM (SubjectPublicKeyInfo) or hex; the server checks the point. */
const PublicKeyInputSchema = safeString({ error: 'SM2 公钥必须填写' }, 'SM2 公钥').trim().min(1, 'SM2 公钥必须填写').max(2000, 'SM2 公钥过长');

export const ServiceAccountSchema = z.object({
  id: z.number().int(),
  /** `app_` + 16 hex digits: the `X-App-Id` header. */
  appId: z.string(),
  name: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(SERVICE_ACCOUNT_STATUSES),
  scopes: z.array(z.string()),
  /** Empty: calls are accepted from any address. */
  ipAllowlist: z.array(z.string()),
  signAlg: z.enum(SERVICE_SIGN_ALGS),
  /** SM2 accounts: the partner's current public key (uncompressed hex). Secrets are never returned here. */
  publicKey: z.string().nullable(),
  /** SM2 accounts: the server's public key that signs the responses (uncompressed hex). */
  serverPublicKey: z.string().nullable(),
  /** The previous secret or key is still accepted until then (rotation overlap). */
  previousKeyValidUntil: z.string().nullable(),
  rateLimitRps: z.number(),
  rateLimitBurst: z.number().int(),
  lastUsedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServiceAccount = z.infer<typeof ServiceAccountSchema>;

export const ServiceAccountListQuerySchema = PageQuerySchema.extend({
  keyword: safeString().trim().max(64, '关键字不能超过 64 个字符').optional(),
  status: z.enum(SERVICE_ACCOUNT_STATUSES, { error: '状态须为启用或停用' }).optional(),
});
export type ServiceAccountListQuery = z.infer<typeof ServiceAccountListQuerySchema>;

export const ServiceAccountCreateBodySchema = z
  .strictObject({
    name: text('应用名称', 64),
    departmentId: DepartmentIdSchema,
    scopes: ScopesSchema,
    ipAllowlist: IpAllowlistSchema.default([]),
    signAlg: z.enum(SERVICE_SIGN_ALGS, { error: '签名算法须为 HMAC-SM3 或 SM2' }),
    publicKey: PublicKeyInputSchema.optional(),
    rateLimitRps: RpsSchema.default(20),
    rateLimitBurst: BurstSchema.default(40),
  })
  .refine((b) => b.signAlg !== 'SM2' || b.publicKey, { message: 'SM2 签名须填写对方的 SM2 公钥', path: ['publicKey'] })
  .refine((b) => b.signAlg !== 'HMAC-SM3' || !b.publicKey, { message: 'HMAC-SM3 签名不需要公钥（密钥由系统生成）', path: ['publicKey'] });
export type ServiceAccountCreateBody = z.infer<typeof ServiceAccountCreateBodySchema>;

/** Change scopes, addresses, status, limits, name or department: any of them, at least one. */
export const ServiceAccountUpdateBodySchema = z
  .strictObject({
    name: text('应用名称', 64).optional(),
    departmentId: DepartmentIdSchema.optional(),
    scopes: ScopesSchema.optional(),
    ipAllowlist: IpAllowlistSchema.optional(),
    status: z.enum(SERVICE_ACCOUNT_STATUSES, { error: '状态须为启用或停用' }).optional(),
    rateLimitRps: RpsSchema.optional(),
    rateLimitBurst: BurstSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容', path: ['name'] });
export type ServiceAccountUpdateBody = z.infer<typeof ServiceAccountUpdateBodySchema>;

/** HMAC-SM3 accounts get a new secret (no body needed); SM2 accounts send their new public key. */
export const ServiceAccountRotateBodySchema = z.strictObject({ publicKey: PublicKeyInputSchema.optional() }).nullish();
export type ServiceAccountRotateBody = z.infer<typeof ServiceAccountRotateBodySchema>;

/** The answer to create and rotate: the HMAC-SM3 secret appears here once and is never shown again. */
export const ServiceAccountCredentialSchema = z.object({
  account: ServiceAccountSchema,
  /** HMAC-SM3 key as 64 hex digits (32 bytes); null for SM2 accounts. */
  secret: z.string().nullable(),
});
export type ServiceAccountCredential = z.infer<typeof ServiceAccountCredentialSchema>;
