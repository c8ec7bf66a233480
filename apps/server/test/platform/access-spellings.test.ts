import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mountModules } from '../../src/modules/app-module.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { installAccessControl, isApiPath, routeTable, withAccess } from '../../src/platform/http/access.ts';
import { installErrorHandler } from '../../src/platform/http/error-handler.ts';
import { createTestApp, login, loginFresh, type Session, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** The same route spelled the ways a router, proxy or attacker may spell it (the probe's bypass was `/%61pi/...`). */
function spellings(url: string): string[] {
  const path = url.replace(/:(\w+)/g, '1');
  const rest = path.slice('/api'.length); // starts with '/'
  const last = path.lastIndexOf('/');
  const encodeFirst = (s: string) => `%${s.charCodeAt(0).toString(16)}${s.slice(1)}`;
  return [
    `/%61pi${rest}`,
    `/%2561pi${rest}`,
    `/${encodeFirst('api')}${rest.replace(/\/([a-z])/g, (_m, c: string) => `/%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/api/.${rest}`,
    `/x/..${path}`,
    `/API${rest}`,
    `/Api${rest}`,
    `${path}/`,
    `${path};x=1`,
    `/api;x=1${rest}`,
    `${path.slice(0, last)}/%2e${path.slice(last)}`,
  ];
}

describe('no spelling of a path reaches a handler unguarded', () => {
  let norole: Session;
  beforeAll(async () => {
    norole = await loginFresh(ctx);
  });

  it('anonymous callers get 401 or a JSON 404 on every spelling of every protected route', async () => {
    const routes = routeTable(ctx.app).filter((r) => r.access !== 'public');
    expect(routes.length).toBeGreaterThan(50);
    for (const r of routes) {
      for (const url of spellings(r.url)) {
        const res = await ctx.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
        expect([401, 404], `${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 120)}`).toContain(res.statusCode);
        expect(res.headers['content-type'], `${r.method} ${url}`).toMatch(/application\/json/);
      }
    }
  });

  it('a user without the permission gets 403 or 404 on every spelling of every permission-guarded route', async () => {
    const routes = routeTable(ctx.app).filter((r) => typeof r.access === 'object');
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      for (const url of spellings(r.url)) {
        const res = await ctx.app.inject({ method: r.method as 'GET', url, headers: norole.headers, payload: r.method === 'GET' ? undefined : {} });
        expect([403, 404], `${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 120)}`).toContain(res.statusCode);
      }
    }
  });

  it('the probe’s reproductions fail: anonymous role creation and parameter reads through an encoded path', async () => {
    const read = await ctx.app.inject({ method: 'GET', url: '/%61pi/system/params' });
    expect(read.statusCode).toBe(401);
    const create = await ctx.app.inject({ method: 'POST', url: '/%61pi/system/roles', payload: { code: 'x', name: 'x', permissions: [] } });
    expect(create.statusCode).toBe(401);
  });

  it('unknown API paths, however spelled, answer a JSON 404 rather than the console page', async () => {
    for (const url of ['/api/nope', '/API/nope', '//api/nope', '/x/../api/nope', '/%61pi/nope', '/api']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code, url).toBe('NOT_FOUND');
    }
  });
});

describe('with the console built', () => {
  it('serves the console for its own routes and a JSON 404 for unknown API paths, however spelled', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>控制台</title>');
    const app = await buildApp(ctx.platform, await mountModules(ctx.platform, []), { logger: false, webDist: dist });
    try {
      expect((await app.inject({ method: 'GET', url: '/ebike/query' })).body).toContain('控制台');
      for (const url of ['/api/nope', '/API/nope', '//api/nope', '/x/../api/nope', '/%61pi/nope', '/api;x=1/nope']) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().code, url).toBe('NOT_FOUND');
      }
      expect((await app.inject({ method: 'GET', url: '/API/system/params' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/%61pi/system/params' })).statusCode).toBe(401);
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('the OpenAPI document (API_DOCS)', () => {
  const appWithDocs = async (mode: 'public' | 'permission' | 'off') => {
    const before = ctx.platform.config.apiDocs;
    ctx.platform.config.apiDocs = mode;
    try {
      return await buildApp(ctx.platform, await mountModules(ctx.platform, []), { logger: false });
    } finally {
      ctx.platform.config.apiDocs = before;
    }
  };

  it('is off by default in production and behind a permission when asked', async () => {
    expect(loadConfig({ NODE_ENV: 'production', MASTER_KEY: '0'.repeat(32) } as NodeJS.ProcessEnv).apiDocs).toBe('off');
    expect(loadConfig({ NODE_ENV: 'development' } as NodeJS.ProcessEnv).apiDocs).toBe('public');

    const off = await appWithDocs('off');
    expect((await off.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(404);
    await off.close();

    const docs = await loginFresh(ctx);
    const guarded = await appWithDocs('permission');
    const norole = await login(guarded, docs.username, docs.password);
    expect((await guarded.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    expect((await guarded.inject({ method: 'GET', url: '/api/docs/json', headers: norole.headers })).statusCode).toBe(403);
    await guarded.close();

    const open = await appWithDocs('public');
    const doc = await open.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toMatch(/^3\./);
    await open.close();
  });

  it('TLS on means Secure cookies and HSTS, and COOKIE_SECURE=false is refused with it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tls-'));
    const files = { TLS_CERT_FILE: path.join(dir, 'c.pem'), TLS_KEY_FILE: path.join(dir, 'k.pem') };
    writeFileSync(files.TLS_CERT_FILE, 'x');
    writeFileSync(files.TLS_KEY_FILE, 'x');
    expect(loadConfig({ NODE_ENV: 'development', ...files } as NodeJS.ProcessEnv).cookieSecure).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'false', ...files } as NodeJS.ProcessEnv)).toThrow(/Secure/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('isApiPath', () => {
  it('undoes encodings, slashes, dot segments, parameters and case', () => {
    for (const p of ['/api/x', '/API/x', '//api', '/%61pi/x', '/%2561pi/x', '/a/../api/x', '/./api/x', '/api;v=1/x', '/%2e/api', '\\api\\x']) {
      expect(isApiPath(p), p).toBe(true);
    }
    for (const p of ['/', '/index.html', '/apis/x', '/assets/api.js', '/api/../x', '/%zz']) expect(isApiPath(p), p).toBe(false);
  });
});

describe('every route declares an access rule', () => {
  const bare = () => {
    const app = Fastify();
    app.register(cookie);
    installErrorHandler(app);
    installAccessControl(app, { resolve: async () => null } as never, null as never);
    return app;
  };

  it('an app with a route without a rule refuses to start, whatever its path', async () => {
    for (const url of ['/api/x', '/other', '/']) {
      const app = bare();
      app.get(url, async () => 'open');
      await expect(app.ready(), url).rejects.toThrow(/declares no access rule/);
    }
  });

  it('routes of third-party plugins get the rule of their context', async () => {
    const app = bare();
    await app.register(async (child) => {
      withAccess('session')(child);
      child.get('/api/plugin', async () => 'guarded');
    });
    await app.ready();
    expect(routeTable(app)).toEqual([{ method: 'GET', url: '/api/plugin', access: 'session' }]);
    expect((await app.inject({ method: 'GET', url: '/api/plugin' })).statusCode).toBe(401);
    await app.close();
  });
});

describe('malformed request targets', () => {
  it('a path that is not valid UTF-8 is a 400 in Chinese, in the shape of every other error', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/system/%E4%B8' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'BAD_URL', message: '请求地址无效（编码不正确）', details: [] });
  });
});
