import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { isApiPath, withAccess } from './access.ts';

/** Vite names every bundle under assets/ by its content hash: a changed file is a new name, so it never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html (and anything else unhashed) is revalidated on every load, so a redeploy is seen at once. */
const REVALIDATE = 'no-cache';

export const cacheControlOf = (filePath: string): string => (path.basename(path.dirname(filePath)) === 'assets' ? IMMUTABLE : REVALIDATE);

/** Serves a Vite build: hashed bundles immutable, the rest (index.html, a service worker) revalidated, brotli/gzip
 * files written by the build (apps/web/vite-precompress.ts) sent to browsers that accept them — no compression on the
 * request thread. */
async function builtApp(child: FastifyInstance, root: string, prefix: string): Promise<void> {
  withAccess('public')(child);
  await child.register(fastifyStatic, {
    root,
    prefix,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => reply.header('Cache-Control', cacheControlOf(filePath)),
  });
}

/** The console; client-side routes fall back to index.html; an unknown API path, however spelled, is a JSON 404. */
export async function webConsole(app: FastifyInstance, root: string): Promise<void> {
  await app.register(async (child) => {
    await builtApp(child, root, '/');
    child.get('/*', (request, reply) => (isApiPath(request.url) ? reply.callNotFound() : reply.sendFile('index.html')));
  });
}

/** The handheld app (apps/pda) under /pda/; its service worker (sw.js, unhashed) is revalidated on every load, or an
 * update would never reach the handheld. */
export async function handheldApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(async (child) => {
    await builtApp(child, root, '/pda/');
    child.get('/pda', (_request, reply) => reply.redirect('/pda/'));
    child.get('/pda/*', (_request, reply) => reply.sendFile('index.html', root));
  });
}
