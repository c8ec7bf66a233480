import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { PageQuerySchema } from './common.ts';

export const AUDIT_RESULTS = ['success', 'failure'] as const;

export const AuditEntrySchema = z.object({
  id: z.number(),
  ts: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  /** The actor's role codes at the time, comma-separated. */
  roles: z.string().nullable(),
  departmentName: z.string().nullable(),
  ip: z.string(),
  userAgent: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  reason: z.string().nullable(),
  /** The error code of a failure (e.g. AUTH_FAILED). */
  errorCode: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = PageQuerySchema.extend({
  from: z.iso.datetime({ offset: true, error: '开始时间格式无效' }).optional(),
  to: z.iso.datetime({ offset: true, error: '结束时间格式无效' }).optional(),
  username: safeString().trim().max(64, '用户名不能超过 64 个字符').optional(),
  action: safeString().trim().max(64, '操作不能超过 64 个字符').optional(),
  targetType: safeString().trim().max(64, '对象类型不能超过 64 个字符').optional(),
  targetId: safeString().trim().max(64, '对象编号不能超过 64 个字符').optional(),
  result: z.enum(AUDIT_RESULTS, { error: '结果须为 success 或 failure' }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** Chinese names of audit actions, for the console and the Excel export. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.lockout': '账户锁定',
  'auth.address-lockout': '来源地址暂停登录',
  'auth.address-unlock': '解除地址登录暂停',
  'auth.password.change': '修改密码',
  'auth.session.kick': '强制下线',
  'auth.session.export': '导出在线用户',
  'auth.denied': '越权访问',
  'user.create': '新增用户',
  'user.export': '导出用户',
  'user.update': '修改用户',
  'user.delete': '删除用户',
  'user.roles': '分配角色',
  'user.password.reset': '重置密码',
  'user.password.recognised': '互认账户初始密码生效（公安网申请，经数据交换）',
  'user.unlock': '解锁账户',
  'user.sm2key.set': '登记 SM2 证书',
  'auth.factor': '第二因素认证',
  'user.dormant.disable': '停用长期未用账户',
  'role.create': '新增角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'role.export': '导出角色',
  'dept.create': '新增部门',
  'dept.update': '修改部门',
  'dept.delete': '删除部门',
  'dept.export': '导出部门',
  'dict.type.create': '新增字典',
  'dict.type.update': '修改字典',
  'dict.item.create': '新增字典项',
  'dict.item.update': '修改字典项',
  'dict.item.delete': '删除字典项',
  'param.update': '修改参数',
  'audit.export': '导出审计日志',
  'audit.archive': '审计日志归档',
  'audit.verify': '审计完整性校验',
  'audit.chain.restart': '审计链重新起链',
  'key.rotate': '密钥轮换',
  'integrity.baseline': '建立完整性基线',
  'backup.create': '数据库备份',
  'backup.restore': '数据库恢复',
  'job.retry': '任务重试',
  'job.cancel': '任务取消',
  'auth.session.evict': '超出并发会话数下线',
  'user.clearance': '设置用户安全标记',
  'permission.sync': '同步权限目录',
  'signature.verify': '校验记录签名',
  'device.create': '登记终端',
  'device.export': '导出终端',
  'transport.reject': '拒收终端报文',
  'service-account.create': '新增接入应用',
  'service-account.rotate': '轮换接入应用密钥',
};

/**
 * One group of the audit action catalogue: the platform's, or a module's (contributed through its module definition,
 * `auditActions`, from its core entry). The console's 操作 filter and the Excel export name actions from it.
 */
export const AuditActionGroupSchema = z.object({ module: z.string(), label: z.string(), actions: z.record(z.string(), z.string()) });
export type AuditActionGroup = z.infer<typeof AuditActionGroupSchema>;

export const PLATFORM_AUDIT_ACTIONS: AuditActionGroup = { module: 'platform', label: '平台与系统管理', actions: AUDIT_ACTION_LABELS };

export const IntegrityFindingSchema = z.object({
  target: z.string(),
  id: z.string(),
  kind: z.enum(['modified', 'deleted', 'unsealed', 'chain_broken']),
  message: z.string(),
});
export const IntegrityReportSchema = z.object({
  id: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  checked: z.number(),
  findings: z.array(IntegrityFindingSchema),
});
export type IntegrityReport = z.infer<typeof IntegrityReportSchema>;
