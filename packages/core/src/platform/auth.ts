import { z } from 'zod';
import { safeString } from '../validators/zod.ts';
import { text } from './common.ts';

export const LoginBodySchema = z.strictObject({
  username: text('用户名', 64),
  password: safeString({ error: '密码必须填写' }, '密码').min(1, '密码必须填写').max(128, '密码不能超过 128 个字符'),
  /** Required after repeated failures from the same source (SECURITY.md IA-2): the id of `POST /api/auth/captcha` and what the image shows. */
  captchaId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, '验证码已失效，请刷新验证码')
    .optional(),
  captchaAnswer: text('验证码', 8).optional(),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

/** A one-time captcha: its id for the login body and the image (an SVG data URL). */
export const CaptchaSchema = z.object({ id: z.string(), image: z.string() });
export type Captcha = z.infer<typeof CaptchaSchema>;

export const ChangePasswordBodySchema = z.strictObject({
  oldPassword: safeString({ error: '原密码必须填写' }, '原密码').min(1, '原密码必须填写').max(128, '原密码不能超过 128 个字符'),
  newPassword: safeString({ error: '新密码必须填写' }, '新密码').min(1, '新密码必须填写').max(128, '新密码不能超过 128 个字符'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** Why a session may do nothing but change its password. */
export const PasswordChangeReason = z.enum(['first_login', 'expired', 'reset']);
export type PasswordChangeReason = z.infer<typeof PasswordChangeReason>;

export const MeSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  department: z.object({ id: z.number(), name: z.string() }),
  roles: z.array(z.object({ code: z.string(), name: z.string() })),
  permissions: z.array(z.string()),
  /** Set while the session is restricted to changing the password. */
  passwordChangeReason: PasswordChangeReason.nullable(),
  /** Set while a second factor is outstanding (the SM2 challenge login plugs in here). */
  pendingFactor: z.string().nullable(),
  csrfToken: z.string(),
  passwordExpiresAt: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/**
 * A source address whose login is paused after repeated failures (安全管理员 sees and lifts it). `ip` is the network
 * address of a client (often a police station's shared exit), not a citizen's address.
 */
export const AddressLockSchema = z.object({
  ip: z.string(),
  failures: z.number(),
  windowStart: z.string(),
  lockedUntil: z.string(),
});
export type AddressLock = z.infer<typeof AddressLockSchema>;

/** The login before the current one, shown on the 工作台 (等保: last login time and address). */
export const PreviousLoginSchema = z.object({ at: z.string(), ip: z.string(), failuresSince: z.number() }).nullable();
export type PreviousLogin = z.infer<typeof PreviousLoginSchema>;
