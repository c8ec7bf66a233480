import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { mountModules } from '../../src/modules/app-module.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
let app: FastifyInstance;
let dist: string;
const BUNDLE = 'console.log("控制台");'.repeat(100);
beforeAll(async () => {
  ctx = await createTestApp();
  dist = mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>控制台</title>');
  writeFileSync(path.join(dist, 'assets', 'index-3f9a1c.js'), BUNDLE);
  writeFileSync(path.join(dist, 'assets', 'index-3f9a1c.js.br'), brotliCompressSync(BUNDLE));
  writeFileSync(path.join(dist, 'assets', 'index-3f9a1c.js.gz'), gzipSync(BUNDLE));
  app = await buildApp(ctx.platform, await mountModules(ctx.platform, []), { logger: false, webDist: dist });
});
afterAll(async () => {
  await app?.close();
  await ctx.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built console', () => {
  it('sends a hashed bundle cached for good, brotli or gzip as built, plain to a client that accepts neither', async () => {
    const url = '/assets/index-3f9a1c.js';
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(BUNDLE.length / 5);
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
  });

  it('revalidates index.html on every load, also where a console route falls back to it', async () => {
    for (const url of ['/', '/index.html', '/ebike/query']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('控制台');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
