import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authOf } from '../http/access.ts';
import type { Platform } from '../platform.ts';
import { blobsRepository as repo } from './blobs.repository.ts';
import { bindUploader, blobHeaders, createUploadServer, UPLOADS_PATH } from './resumable-uploads.ts';

const tags = ['影像存储'];
const access = 'session' as const;
/** The tus server names an upload with 16 random bytes in hex (its default naming); anything else is refused before it runs. */
const IdParams = z.strictObject({ id: z.string({ error: '上传编号无效' }).regex(/^[0-9a-f]{32}$/, '上传编号无效') });

/**
 * /api/uploads: resumable uploads (tus 1.0.0, docs/operations/blob-store.md) for any signed-in user. The tus server
 * reads the request body itself; the platform's guard (session, CSRF token on every non-GET) has run before.
 */
export async function blobsRoutes(app: FastifyInstance, { platform }: { platform: Platform }) {
  const tus = createUploadServer({
    db: platform.db,
    blobs: platform.blobs,
    params: platform.params,
    blobParams: platform.blobParams,
    dataDir: platform.config.dataDir,
  });
  // Left unread here: the tus server streams it to the parts folder.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
    bindUploader(request.raw, authOf(request).principal.user.id);
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };

  app.post(UPLOADS_PATH, { config: { access }, schema: { tags, summary: '创建续传上传（tus：Upload-Length、Upload-Metadata）' } }, handOver);
  app.patch(`${UPLOADS_PATH}/:id`, { config: { access }, schema: { tags, summary: '上传一段内容（tus：Upload-Offset）', params: IdParams } }, handOver);
  app.delete(`${UPLOADS_PATH}/:id`, { config: { access }, schema: { tags, summary: '放弃未完成的上传', params: IdParams } }, handOver);
  app.head(
    `${UPLOADS_PATH}/:id`,
    { config: { access }, schema: { tags, summary: '查询上传进度（已完成的返回 Blob-Digest）', params: IdParams } },
    async (request, reply) => {
      // A completed upload's parts are gone: its record answers, so a client that lost the last answer still gets the digest.
      const done = await repo.findUpload(platform.db, (request.params as z.infer<typeof IdParams>).id);
      if (!done) return handOver(request, reply);
      if (done.userId !== authOf(request).principal.user.id) return reply.status(404).header('Tus-Resumable', '1.0.0').send();
      return reply
        .status(200)
        .headers({
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': done.blob.size,
          'Upload-Length': done.blob.size,
          'Cache-Control': 'no-store',
          ...blobHeaders(done.blob),
        })
        .send();
    },
  );
}
