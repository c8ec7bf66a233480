import { z } from 'zod';
import { defineParam } from '../params/param-definition.ts';

const m = 'security';

/** 等保三级 identity parameters (SECURITY.md IA-1, IA-2); the numbers are practice [P], hence parameters. */
export function authParams(minIterations: number) {
  return {
    minLength: defineParam.number({ key: 'auth.password.minLength', module: m, security: true, label: '密码最小长度', description: '口令长度下限（等保三级 IA-1）', defaultValue: 8, min: 8, max: 64, unit: '位' }),
    minClasses: defineParam.number({ key: 'auth.password.minClasses', module: m, security: true, label: '密码字符类别数', description: '大写、小写、数字、特殊字符中至少包含的类别数', defaultValue: 3, min: 3, max: 4, unit: '类' }),
    history: defineParam.number({ key: 'auth.password.history', module: m, security: true, label: '禁止重复使用的历史密码数', description: '新密码不得与最近 N 次使用过的密码相同', defaultValue: 5, min: 1, max: 24, unit: '次' }),
    maxAgeDays: defineParam.duration({ key: 'auth.password.maxAgeDays', module: m, security: true, label: '密码有效期', description: '到期后登录须先修改密码', defaultValue: 90, min: 1, max: 365, unit: 'days' }),
    iterations: defineParam.number({ key: 'auth.password.iterations', module: m, security: true, label: '口令哈希迭代次数', description: 'PBKDF2-HMAC-SM3 迭代次数；新设置或修改的密码生效', defaultValue: Math.max(minIterations, 120_000), min: minIterations, max: 5_000_000, unit: '次' }),
    maxFailures: defineParam.number({ key: 'auth.lockout.maxFailures', module: m, security: true, label: '登录失败锁定次数', description: '同一账户在统计窗口内连续失败达到此次数即锁定', defaultValue: 5, min: 3, max: 20, unit: '次' }),
    ipMaxFailures: defineParam.number({ key: 'auth.lockout.ipMaxFailures', module: m, security: true, label: '同一来源地址失败锁定次数', description: '同一 IP 在统计窗口内登录失败达到此次数即暂停该地址登录', defaultValue: 5, min: 3, max: 1000, unit: '次' }),
    failureWindowMinutes: defineParam.duration({ key: 'auth.lockout.windowMinutes', module: m, security: true, label: '失败次数统计窗口', description: '在此时间内累计登录失败次数', defaultValue: 15, min: 1, max: 1440, unit: 'minutes' }),
    lockMinutes: defineParam.duration({ key: 'auth.lockout.lockMinutes', module: m, security: true, label: '锁定时长', description: '锁定后需等待的时间（安全管理员可提前解锁）', defaultValue: 30, min: 1, max: 1440, unit: 'minutes' }),
    idleMinutes: defineParam.duration({ key: 'auth.session.idleMinutes', module: m, security: true, label: '会话空闲超时', description: '无操作超过此时间自动退出（等保三级要求不超过 30 分钟）', defaultValue: 30, min: 1, max: 30, unit: 'minutes' }),
    absoluteHours: defineParam.duration({ key: 'auth.session.absoluteHours', module: m, security: true, label: '会话最长有效期', description: '登录后无论是否活动，超过此时间须重新登录', defaultValue: 8, min: 1, max: 24, unit: 'hours' }),
    dormantDays: defineParam.duration({ key: 'auth.account.dormantDays', module: m, security: true, label: '长期未使用账户停用期限', description: '超过此天数未登录的账户由每日任务自动停用（SECURITY.md AC-3），系统管理员可重新启用', defaultValue: 90, min: 30, max: 3650, unit: 'days' }),
    adminCidrs: defineParam.list({ key: 'auth.admin.allowedCidrs', module: m, security: true, label: '管理终端地址白名单', description: '三员账户只能从这些地址段登录（CIDR，如 10.1.0.0/16）；为空表示不限制', defaultValue: [], item: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/, '须为 IPv4 CIDR，如 10.1.0.0/16'), maxItems: 50 }),
  };
}
export type AuthParams = ReturnType<typeof authParams>;
