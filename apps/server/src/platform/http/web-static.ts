import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isApiPath, withAccess } from './access.ts';

/** Vite names every bundle under assets/ by its content hash: a changed file is a new name, so it never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and anything else unhashed) is revalidated on every load, so a redeploy is seen at once. */
const REVALIDATE = 'no-cache';

export const cacheControlOf = (filePath: string): string => (path.basename(path.dirname(filePath)) === 'assets' ? IMMUTABLE : REVALIDATE);

/**
 * The built console: hashed bundles cached for a year, index.html revalidated, and the brotli/gzip files the build
 * wrote beside each bundle (apps/web/vite-precompress.ts) sent to a browser that accepts them — no compression work
 * on the request thread. Client-side routes fall back to index.html; an unknown API path, however spelled, is a JSON 404.
 */
export async function webConsole(app: FastifyInstance, root: string): Promise<void> {
  await app.register(async (child) => {
    withAccess('public')(child);
    await child.register(fastifyStatic, {
      root,
      wildcard: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('Cache-Control', cacheControlOf(filePath)),
    });
    child.get('/*', (request, reply) => (isApiPath(request.url) ? reply.callNotFound() : reply.sendFile('index.html')));
  });
}
