import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../platform.ts';
import { lastReleaseCheck } from '../release/release-check.ts';
import { VERSION } from '../version.ts';

const HealthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  zone: z.string(),
  database: z.enum(['pglite', 'postgresql']),
  migration: z.string(),
  /** C3 start-up check of the signed release manifest; counts only (file names go to the server log). */
  release: z
    .object({
      status: z.enum(['verified', 'unsigned', 'mismatch', 'off']),
      mode: z.enum(['refuse', 'alarm', 'off']),
      checkedAt: z.string(),
      version: z.string().optional(),
      problems: z.number().int(),
    })
    .optional(),
});

function releaseSummary() {
  const r = lastReleaseCheck();
  return r && { status: r.status, mode: r.mode, checkedAt: r.checkedAt, version: r.version, problems: r.problems.length };
}

export async function healthRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  fastify
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/health', { config: { access: 'public' }, schema: { tags: ['平台'], summary: '健康检查', response: { 200: HealthSchema } } }, async () => ({
      status: 'ok' as const,
      version: VERSION,
      zone: platform.config.zone,
      database: platform.database.kind,
      migration: platform.migration,
      release: releaseSummary(),
    }));
}
