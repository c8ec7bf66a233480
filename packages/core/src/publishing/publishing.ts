import { z } from 'zod';
import { actionsSchema } from '../platform/actions.ts';
import { PageQuerySchema, pageOf } from '../platform/common.ts';
import { HUB_CASE_STATUS_CODES } from './hub-cases.ts';

/** Audit actions of the module, named for people. */
export const PUBLISHING_AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'publishing.draft': '起草发布内容',
  'publishing.edit': '修改发布内容草稿',
  'publishing.submit': '提交发布内容审核',
  'publishing.review': '审核发布内容',
  'publishing.withdraw': '撤回已发布内容',
  'publishing.attachment-add': '上传发布内容附件',
  'publishing.attachment-remove': '删除发布内容附件',
  'publishing.hub-service': '登记一网通办服务事项',
  'publishing.hub-push': '推送至一网通办',
  'publishing.hub-retry': '重新推送至一网通办',
  'publishing.hub-catalogue': '预置一网通办服务事项草稿',
};

/** Kinds of content in the 一网通办 traffic-police area. */
export const CONTENT_KINDS = { notice: '通知公告', consultation: '办事咨询' } as const;
export type ContentKind = keyof typeof CONTENT_KINDS;
const kindEnum = z.enum(Object.keys(CONTENT_KINDS) as [ContentKind, ...ContentKind[]], { error: '内容类别无效' });

/** States of one version: 草稿 → 待审核 → 已发布 (or 已驳回); 已撤回 ends the item. The public sees the newest published one. */
export const CONTENT_STATES = {
  draft: '草稿',
  pending: '待审核',
  published: '已发布',
  rejected: '已驳回',
  withdrawn: '已撤回',
} as const;
export type ContentState = keyof typeof CONTENT_STATES;

/** A draft: a new item, or (with `itemKey`) the next version of an existing one. */
export const ContentDraftSchema = z.strictObject({
  itemKey: z
    .string({ error: '内容编号须为文本' })
    .regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '内容编号须为 3–64 位小写字母、数字或连字符')
    .optional(),
  kind: kindEnum,
  title: z.string({ error: '请填写标题' }).trim().min(2, '标题须为 2–100 字').max(100, '标题须为 2–100 字'),
  body: z.string({ error: '请填写正文' }).trim().min(5, '正文须为 5–20000 字').max(20_000, '正文须为 5–20000 字'),
});
export type ContentDraft = z.infer<typeof ContentDraftSchema>;

/** A draft changed in place by its author before it is submitted. */
export const ContentEditSchema = ContentDraftSchema.pick({ title: true, body: true });
export type ContentEdit = z.infer<typeof ContentEditSchema>;

/** The review: approve (published now, or at `publishAt`) or reject with a note. */
export const ContentReviewSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected'], { error: '请选择审核结论' }),
  note: z.string({ error: '审核意见须为文本' }).trim().max(200, '审核意见不能超过 200 字').optional(),
  publishAt: z.iso.datetime({ offset: true, error: '定时发布时间格式无效' }).optional(),
});
export type ContentReview = z.infer<typeof ContentReviewSchema>;

export const ContentListQuerySchema = PageQuerySchema.extend({
  state: z.enum(Object.keys(CONTENT_STATES) as [ContentState, ...ContentState[]], { error: '状态无效' }).optional(),
});

/** One version as the back office lists it, with what the caller may do to it. */
export const ContentSchema = z.object({
  id: z.number().int(),
  itemKey: z.string(),
  version: z.number().int(),
  kind: kindEnum,
  title: z.string(),
  body: z.string(),
  state: z.enum(Object.keys(CONTENT_STATES) as [ContentState, ...ContentState[]]),
  createdBy: z.string(),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
  publishAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  actions: actionsSchema(['edit', 'submit', 'approve', 'reject', 'withdraw']),
});
export type Content = z.infer<typeof ContentSchema>;
export const ContentListSchema = pageOf(ContentSchema);

/** Types a content's attachment may be (recognised by its first bytes): PDF documents and JPEG/PNG images. */
export const ATTACHMENT_TYPES = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' } as const;
export type AttachmentMime = keyof typeof ATTACHMENT_TYPES;

/**
 * A file of a version: named by its SM3 digest; `url` is its public address (served while the version is the one the
 * public sees; relative to the zone's public origin).
 */
export const ContentAttachmentSchema = z.object({
  digest: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
});
export type ContentAttachment = z.infer<typeof ContentAttachmentSchema>;
export const ContentAttachmentListSchema = z.object({ items: z.array(ContentAttachmentSchema) });

/** What the public sees: the current published version of each item, with its files. */
export const PublicContentSchema = z.object({
  itemKey: z.string(),
  version: z.number().int(),
  kind: kindEnum,
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  attachments: z.array(ContentAttachmentSchema),
});
export type PublicContent = z.infer<typeof PublicContentSchema>;
export const PublicContentListSchema = pageOf(PublicContentSchema);
/**
 * A version as the public would see it, for its author and reviewers before it is out (not public, not cached):
 * `publishedAt` is its scheduled time, or its drafting time while it has none.
 */
export const ContentPreviewSchema = PublicContentSchema.extend({
  state: z.enum(Object.keys(CONTENT_STATES) as [ContentState, ...ContentState[]]),
  scheduled: z.boolean(),
});
export type ContentPreview = z.infer<typeof ContentPreviewSchema>;
/** The public list: one page of current items (at most 50 a page: the answer is cached by proxies). */
export const PublicContentQuerySchema = z.strictObject({
  kind: kindEnum.optional(),
  page: PageQuerySchema.shape.page,
  pageSize: z.coerce.number({ error: '每页条数须为 1–50' }).int('每页条数须为 1–50').min(1, '每页条数须为 1–50').max(50, '每页最多 50 条').default(20),
});

/** G4: a service of the 一网通办 traffic-police area as registered (a change is a new version pushed to the hub). */
export const HubServiceInputSchema = z.strictObject({
  serviceCode: z.string({ error: '请填写事项编码' }).regex(/^[A-Z0-9-]{4,40}$/, '事项编码须为 4–40 位大写字母、数字或连字符'),
  name: z.string({ error: '请填写事项名称' }).trim().min(2, '事项名称须为 2–60 字').max(60, '事项名称须为 2–60 字'),
  category: z.string({ error: '请填写事项分类' }).trim().min(2, '事项分类须为 2–30 字').max(30, '事项分类须为 2–30 字'),
  onlineUrl: z.url({ protocol: /^https?$/, error: '办理地址须为 http:// 或 https:// 开头的地址' }).max(500, '办理地址不能超过 500 字'),
  status: z.enum(['online', 'offline'], { error: '请选择上线或下线' }),
});
export type HubServiceInput = z.infer<typeof HubServiceInputSchema>;
export const HUB_SERVICE_STATUSES = { online: '上线', offline: '下线' } as const;
/** A service filed by the zone's first start is a draft until a reviewer registers it; only registered ones reach the hub. */
export const HUB_SERVICE_STATES = { draft: '草稿（待审核登记）', registered: '已登记' } as const;
export type HubServiceState = keyof typeof HUB_SERVICE_STATES;

export const HubServiceSchema = HubServiceInputSchema.extend({
  id: z.number().int(),
  state: z.enum(Object.keys(HUB_SERVICE_STATES) as [HubServiceState, ...HubServiceState[]]),
  version: z.number().int(),
  syncedVersion: z.number().int().nullable(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type HubService = z.infer<typeof HubServiceSchema>;
export const HubServiceListSchema = z.object({ items: z.array(HubServiceSchema) });

/** States of one call to the hub. */
export const HUB_PUSH_STATES = { pending: '待推送', sent: '已推送', failed: '被拒收', superseded: '已被新版本取代' } as const;
export type HubPushState = keyof typeof HUB_PUSH_STATES;
export const HUB_PUSH_OPS = { register: '登记事项', publish: '发布内容', withdraw: '撤回内容', status: '办件状态' } as const;
export type HubPushOp = keyof typeof HUB_PUSH_OPS;

export const HubPushListQuerySchema = PageQuerySchema.extend({
  state: z.enum(Object.keys(HUB_PUSH_STATES) as [HubPushState, ...HubPushState[]], { error: '状态无效' }).optional(),
});
export const HubPushSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['service', 'content', 'case']),
  businessKey: z.string(),
  version: z.number().int(),
  op: z.enum(Object.keys(HUB_PUSH_OPS) as [HubPushOp, ...HubPushOp[]]),
  state: z.enum(Object.keys(HUB_PUSH_STATES) as [HubPushState, ...HubPushState[]]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** A case status push (`op` status): the 办件 status and the service code; null for other pushes. */
  caseStatus: z.enum(HUB_CASE_STATUS_CODES).nullable(),
  serviceCode: z.string().nullable(),
  actions: actionsSchema(['retry']),
});
export type HubPush = z.infer<typeof HubPushSchema>;
export const HubPushListSchema = pageOf(HubPushSchema);
