import { CaptchaSchema, ChangePasswordBodySchema, LoginBodySchema, MeSchema, PreviousLoginSchema } from '@shtp/core/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRepository } from '../audit/audit.repository.ts';
import { actorOf, authOf, SESSION_COOKIE } from '../http/access.ts';
import { fastResponse } from '../http/fast-response.ts';
import type { Platform } from '../platform.ts';
import { loginCaptcha } from './login-captcha.ts';

const tags = ['认证'];

export async function authRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { auth: service, config } = platform;

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: config.cookieSecure, path: '/' });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '用户名密码登录', body: LoginBodySchema, response: { 200: MeSchema } },
    },
    async (request, reply) => {
      const { username, password, captchaId, captchaAnswer } = request.body;
      const { token, auth } = await service.login(username, password, actorOf(request), { id: captchaId, answer: captchaAnswer });
      setCookie(reply, token);
      return service.presentMe(auth);
    },
  );

  app.post(
    '/api/auth/captcha',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: '获取登录验证码（同一来源多次登录失败后须填写）', response: { 200: CaptchaSchema } },
    },
    (request) => loginCaptcha.issue(platform.db, request.ip),
  );

  app.post('/api/auth/logout', { config: { access: 'restricted' }, schema: { tags, summary: '退出登录' } }, async (request, reply) => {
    await service.logout(authOf(request), actorOf(request));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { ...fastResponse, config: { access: 'restricted' }, schema: { tags, summary: '当前用户', response: { 200: MeSchema } } },
    async (request) => service.presentMe(authOf(request)),
  );

  app.get(
    '/api/auth/previous-login',
    { config: { access: 'session' }, schema: { tags, summary: '上次登录的时间和地址', response: { 200: PreviousLoginSchema } } },
    async (request) => {
      const previous = await auditRepository.previousLogin(platform.db, authOf(request).principal.user.username);
      return previous && { at: previous.at.toISOString(), ip: previous.ip, failuresSince: previous.failuresSince };
    },
  );

  app.post(
    '/api/auth/password',
    { config: { access: 'restricted' }, schema: { tags, summary: '修改本人密码', body: ChangePasswordBodySchema, response: { 200: MeSchema } } },
    async (request) => {
      const auth = await service.changePassword(authOf(request), request.body.oldPassword, request.body.newPassword, actorOf(request));
      return service.presentMe(auth);
    },
  );

  app.get('/api/auth/factor', { config: { access: 'restricted' }, schema: { tags, summary: '第二因素认证挑战' } }, async (request) =>
    service.factorChallenge(authOf(request)),
  );

  app.post(
    '/api/auth/factor',
    {
      config: { access: 'restricted' },
      schema: { tags, summary: '提交第二因素认证', body: z.strictObject({ response: z.unknown() }), response: { 200: MeSchema } },
    },
    async (request) => service.presentMe(await service.verifyFactor(authOf(request), request.body.response, actorOf(request))),
  );
}
