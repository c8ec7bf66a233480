import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mountModules } from '../../src/modules/app-module.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

it('serves the handheld app under /pda beside the console: its pages, an uncached service worker, JSON 404s for the API', async () => {
  const dir = (name: string, html: string) => {
    const d = mkdtempSync(path.join(os.tmpdir(), name));
    writeFileSync(path.join(d, 'index.html'), html);
    return d;
  };
  const web = dir('web-dist-', '<title>控制台</title>');
  const pda = dir('pda-dist-', '<title>交通执法终端</title>');
  writeFileSync(path.join(pda, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  const app = await buildApp(ctx.platform, await mountModules(ctx.platform, []), { logger: false, webDist: web, pdaDist: pda });
  try {
    expect((await app.inject({ method: 'GET', url: '/pda/' })).body).toContain('交通执法终端');
    expect((await app.inject({ method: 'GET', url: '/pda/outbox' })).body).toContain('交通执法终端');
    expect((await app.inject({ method: 'GET', url: '/pda' })).headers.location).toBe('/pda/');
    const sw = await app.inject({ method: 'GET', url: '/pda/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/ebike/query' })).body).toContain('控制台');
    const api = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('NOT_FOUND');
  } finally {
    await app.close();
    rmSync(web, { recursive: true, force: true });
    rmSync(pda, { recursive: true, force: true });
  }
});
