import { IdParamsSchema, P, PermissionNodeSchema, pageOf } from '@shtp/core/platform';
import {
  DepartmentBodySchema,
  DepartmentSchema,
  RoleBodySchema,
  RoleSchema,
  SessionSchema,
  UserCreateBodySchema,
  UserListItemSchema,
  UserListQuerySchema,
  UserRolesBodySchema,
  UserSchema,
  UserUpdateBodySchema,
} from '@shtp/core/system';
import { safeString } from '@shtp/core/validators';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx } from '../../platform/export/xlsx-stream.ts';
import { actorOf, authOf, perm } from '../../platform/http/access.ts';
import type { Platform } from '../../platform/platform.ts';
import { DepartmentsService } from './departments.service.ts';
import { RolesService } from './roles.service.ts';
import { SessionsService } from './sessions.service.ts';
import { USER_ACTION_PERMISSIONS } from './user-actions.policy.ts';
import { userClearanceRoute } from './user-clearance.ts';
import { UsersService } from './users.service.ts';

const noContent = { 204: z.null().describe('成功') };

/** 系统管理: departments, users, roles and permissions, online sessions. */
export async function systemRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const departments = new DepartmentsService(platform.db);
  const users = new UsersService(platform.db, platform.params, platform.authParams, platform.integrity);
  const roles = new RolesService(platform.db, platform.permissions, platform.integrity);
  const sessions = new SessionsService(platform.db);
  const principal = (request: Parameters<typeof authOf>[0]) => authOf(request).principal;

  let tags = ['部门管理'];
  app.get(
    '/api/system/departments',
    { config: { access: perm(P.deptList, P.userList) }, schema: { tags, summary: '部门列表（数据范围内）', response: { 200: z.array(DepartmentSchema) } } },
    (request) => departments.list(principal(request)),
  );
  app.get(
    '/api/system/departments/export',
    { config: { access: perm(P.deptList) }, schema: { tags, summary: '导出部门（Excel，数据范围内，按树的顺序）' } },
    async (request, reply) => sendXlsx(reply, '部门', 'departments', await departments.export(principal(request), actorOf(request))),
  );
  app.post(
    '/api/system/departments',
    { config: { access: perm(P.deptCreate) }, schema: { tags, summary: '新增部门', body: DepartmentBodySchema, response: { 200: DepartmentSchema } } },
    (request) => departments.create(principal(request), request.body, actorOf(request)),
  );
  app.put(
    '/api/system/departments/:id',
    {
      config: { access: perm(P.deptUpdate) },
      schema: { tags, summary: '修改部门', params: IdParamsSchema, body: DepartmentBodySchema, response: { 200: DepartmentSchema } },
    },
    (request) => departments.update(principal(request), request.params.id, request.body, actorOf(request)),
  );
  app.delete(
    '/api/system/departments/:id',
    { config: { access: perm(P.deptDelete) }, schema: { tags, summary: '删除部门', params: IdParamsSchema, response: noContent } },
    async (request, reply) => {
      await departments.delete(principal(request), request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  tags = ['用户管理'];
  app.get(
    '/api/system/users',
    {
      config: { access: perm(P.userList) },
      schema: { tags, summary: '用户列表（数据范围内，分页）', querystring: UserListQuerySchema, response: { 200: pageOf(UserListItemSchema) } },
    },
    async (request) => ({
      ...(await users.list(principal(request), request.query)),
      page: request.query.page,
      pageSize: request.query.pageSize,
    }),
  );
  app.get(
    '/api/system/users/export',
    {
      config: { access: perm(P.userList) },
      schema: { tags, summary: '导出用户（Excel，流式，条件同列表）', querystring: UserListQuerySchema.omit({ page: true, pageSize: true }) },
    },
    async (request, reply) => sendXlsx(reply, '用户', 'users', await users.export(principal(request), request.query, actorOf(request))),
  );
  app.post(
    '/api/system/users',
    {
      config: { access: perm(P.userCreate) },
      schema: {
        tags,
        summary: '新增用户（返回一次性初始密码）',
        body: UserCreateBodySchema,
        response: { 200: z.object({ user: UserSchema, initialPassword: z.string() }) },
      },
    },
    (request) => users.create(principal(request), request.body, actorOf(request)),
  );
  app.put(
    '/api/system/users/:id',
    {
      config: { access: perm(...USER_ACTION_PERMISSIONS.update) },
      schema: { tags, summary: '修改用户', params: IdParamsSchema, body: UserUpdateBodySchema, response: { 200: UserSchema } },
    },
    (request) => users.update(principal(request), request.params.id, request.body, actorOf(request)),
  );
  app.delete(
    '/api/system/users/:id',
    { config: { access: perm(...USER_ACTION_PERMISSIONS.delete) }, schema: { tags, summary: '删除用户', params: IdParamsSchema, response: noContent } },
    async (request, reply) => {
      await users.delete(principal(request), request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/system/users/:id/reset-password',
    {
      config: { access: perm(...USER_ACTION_PERMISSIONS.resetPassword) },
      schema: {
        tags,
        summary: '重置密码（返回一次性初始密码；三员账户须安全管理员）',
        params: IdParamsSchema,
        response: { 200: z.object({ initialPassword: z.string() }) },
      },
    },
    (request) => users.resetPassword(principal(request), request.params.id, actorOf(request)),
  );
  app.put(
    '/api/system/users/:id/roles',
    {
      config: { access: perm(...USER_ACTION_PERMISSIONS.setRoles) },
      schema: { tags, summary: '分配角色（三员互斥）', params: IdParamsSchema, body: UserRolesBodySchema, response: { 200: UserSchema } },
    },
    (request) => users.setRoles(principal(request), request.params.id, request.body.roleIds, actorOf(request)),
  );
  app.post(
    '/api/system/users/:id/unlock',
    { config: { access: perm(P.userUnlock) }, schema: { tags, summary: '解锁账户', params: IdParamsSchema, response: { 200: UserSchema } } },
    (request) => users.unlock(principal(request), request.params.id, actorOf(request)),
  );

  app.put(
    '/api/system/users/:id/sm2-key',
    {
      config: { access: perm(P.userGrant) },
      schema: {
        tags,
        summary: '登记 SM2 证书公钥（第二因素）',
        params: IdParamsSchema,
        body: z.strictObject({ publicKey: safeString({ error: 'SM2 公钥必须填写' }, 'SM2 公钥').trim().min(1, 'SM2 公钥必须填写').max(2000, 'SM2 公钥过长') }),
        response: noContent,
      },
    },
    async (request, reply) => {
      await users.setSm2Key(principal(request), request.params.id, request.body.publicKey, actorOf(request));
      return reply.status(204).send(null);
    },
  );
  userClearanceRoute(app, platform);

  tags = ['角色管理'];
  app.get(
    '/api/system/roles',
    { config: { access: perm(P.roleList, P.userGrant) }, schema: { tags, summary: '角色列表', response: { 200: z.array(RoleSchema) } } },
    () => roles.list(),
  );
  app.get('/api/system/roles/export', { config: { access: perm(P.roleList) }, schema: { tags, summary: '导出角色（Excel，流式）' } }, async (request, reply) =>
    sendXlsx(reply, '角色', 'roles', await roles.export(actorOf(request))),
  );
  app.post(
    '/api/system/roles',
    { config: { access: perm(P.roleCreate) }, schema: { tags, summary: '新增角色', body: RoleBodySchema, response: { 200: RoleSchema } } },
    (request) => roles.create(request.body, actorOf(request)),
  );
  app.put(
    '/api/system/roles/:id',
    {
      config: { access: perm(P.roleUpdate) },
      schema: { tags, summary: '修改角色', params: IdParamsSchema, body: RoleBodySchema, response: { 200: RoleSchema } },
    },
    (request) => roles.update(request.params.id, request.body, actorOf(request)),
  );
  app.delete(
    '/api/system/roles/:id',
    { config: { access: perm(P.roleDelete) }, schema: { tags, summary: '删除角色', params: IdParamsSchema, response: noContent } },
    async (request, reply) => {
      await roles.delete(request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/system/permissions',
    { config: { access: perm(P.roleList) }, schema: { tags, summary: '权限目录', response: { 200: z.array(PermissionNodeSchema) } } },
    () => roles.permissionTree(),
  );

  tags = ['在线用户'];
  app.get(
    '/api/system/sessions',
    { config: { access: perm(P.sessionList) }, schema: { tags, summary: '在线会话（数据范围内）', response: { 200: z.array(SessionSchema) } } },
    (request) => sessions.list(authOf(request)),
  );
  app.get(
    '/api/system/sessions/export',
    { config: { access: perm(P.sessionList) }, schema: { tags, summary: '导出在线会话（Excel，流式，数据范围内）' } },
    async (request, reply) => sendXlsx(reply, '在线用户', 'sessions', await sessions.export(authOf(request), actorOf(request))),
  );
  app.delete(
    '/api/system/sessions/:id',
    {
      config: { access: perm(P.sessionKick) },
      schema: { tags, summary: '强制下线', params: z.strictObject({ id: safeString().regex(/^[0-9a-f]{64}$/, '会话 ID 无效') }), response: noContent },
    },
    async (request, reply) => {
      await sessions.kick(authOf(request), request.params.id, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
