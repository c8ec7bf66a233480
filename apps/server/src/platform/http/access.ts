import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { type Actor, audit } from '../audit/audit.ts';
import { type AuthContext, type AuthService, actorOfPrincipal } from '../auth/auth.service.ts';
import type { Db } from '../db/client.ts';
import { actorOfService } from '../service-accounts/service-caller.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

/**
 * Who may call a route. Every /api route must declare one (default deny):
 * - 'public': anyone (login, health);
 * - 'restricted': any session, even one that must first change its password or present a second factor;
 * - 'session': any fully authenticated session;
 * - { anyOf: [...] }: a session holding at least one of the permissions.
 */
export type Access = 'public' | 'restricted' | 'session' | { anyOf: string[] };

export const perm = (...anyOf: string[]): Access => ({ anyOf });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export const SESSION_COOKIE = 'sid';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access | undefined;
}
const routeTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every API route with its access rule, for the test that walks the route table. */
export function routeTable(app: FastifyInstance): RouteAccess[] {
  return routeTables.get(app) ?? [];
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The acting user and origin of a request, for audit. */
export function actorOf(request: FastifyRequest): Actor {
  const base: Actor = {
    userId: null,
    username: null,
    departmentId: null,
    departmentName: null,
    roles: null,
    // An abandoned request may have lost its socket: audit what is known rather than fail the write.
    ip: request.ip ?? request.socket?.remoteAddress ?? 'unknown',
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
  };
  if (request.serviceCaller) return actorOfService(request.serviceCaller, base);
  return request.auth ? actorOfPrincipal(request.auth.principal, base) : base;
}

/** The authenticated session of a guarded route (the guard has already run); a service account has none (401). */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether a request path names the API, however it is spelled: percent-encoding, doubled slashes, dot segments,
 * `;` parameters and letter case are undone first. Only for answering unknown API paths with JSON; access is
 * never decided on the path.
 */
export function isApiPath(url: string): boolean {
  let p = url.split('?')[0]!;
  for (let i = 0; i < 3 && p.includes('%'); i++) {
    try {
      p = decodeURIComponent(p);
    } catch {
      break;
    }
  }
  const segments: string[] = [];
  for (const raw of p.replaceAll('\\', '/').split('/')) {
    const seg = raw.split(';')[0]!.trim().toLowerCase();
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments[0] === 'api';
}

/** Routes registered by third-party plugins (static files, API docs UI) get this access rule. */
export function withAccess(access: Access) {
  return (instance: FastifyInstance) =>
    instance.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? access };
    });
}

/**
 * Session resolution, CSRF check and permission guard for every route. The guard reads the access rule of
 * the route the router matched — never the URL — so no spelling of a path reaches a handler unguarded, and
 * every route of the app (API, docs, static files, fallbacks) must declare a rule or the app does not start.
 */
export function installAccessControl(app: FastifyInstance, authService: AuthService, db: Db): void {
  app.decorateRequest('auth', null);

  const table: RouteAccess[] = [];
  routeTables.set(app, table);
  const routes: RouteOptions[] = [];
  // Plugins may set the rule in their own onRoute hook, which runs after this one: check once all are registered.
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    for (const route of routes) {
      const access = route.config?.access;
      if (!access) throw new Error(`route ${route.method} ${route.url} declares no access rule`);
      if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) continue; // docs: static UI assets
      for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
    routes.length = 0;
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = (await authService.resolve(token)) ?? null;
  });

  app.addHook('preValidation', async (request) => {
    // Only the not-found handler has no rule (every route declares one, checked at start-up); it answers 404.
    const access = request.routeOptions.config?.access;
    if (access === 'public' || access === undefined) return;
    if (request.serviceCaller) return; // a signed call, already checked against the route's service scope
    const auth = request.auth;
    if (!auth) throw unauthenticated();
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, auth.session.csrfToken)) {
        throw new AppError(403, 'CSRF_FAILED', '请求校验失败（CSRF），请刷新页面后重试');
      }
    }
    if (access === 'restricted') return;
    if (auth.restricted) {
      throw auth.passwordChangeReason
        ? new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改密码')
        : new AppError(403, 'FACTOR_REQUIRED', '请先完成第二因素认证');
    }
    if (access === 'session') return;
    if (!access.anyOf.some((p) => auth.principal.permissions.has(p))) {
      await audit(db, actorOf(request), {
        action: 'auth.denied',
        result: 'failure',
        errorCode: 'FORBIDDEN',
        targetType: 'route',
        targetId: `${request.method} ${request.routeOptions.url}`,
        reason: `缺少权限 ${access.anyOf.join(' 或 ')}`,
      });
      throw forbidden();
    }
  });
}
