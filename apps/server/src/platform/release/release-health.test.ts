import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import { healthRoutes } from '../http/health.routes.ts';
import type { Platform } from '../platform.ts';
import { checkRelease } from './release-check.ts';

describe('GET /api/health shows the start-up release check', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'release-health-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports the status, mode and problem count of the last check (no file names)', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const platform = { config: { zone: 'police' }, database: { kind: 'pglite' }, migration: 'test' } as unknown as Platform;
    await app.register(healthRoutes, { platform });
    // A manifest without its public key beside it: one problem, naming the key file.
    const manifestFile = path.join(root, 'release-manifest.json');
    writeFileSync(manifestFile, '{}');
    const settings = { mode: 'alarm' as const, production: false, root, manifestFile, publicKeyFile: path.join(root, 'release-pub.pem') };
    await checkRelease(settings, { info: () => {}, error: () => {} });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().release).toMatchObject({ status: 'mismatch', mode: 'alarm', problems: 1 });
    expect(res.body).not.toContain('release-pub.pem');
    await app.close();
  });
});
