import { ContentAttachmentListSchema } from '@shtp/core/publishing';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, perm } from '../../platform/http/access.ts';
import { FILES, MULTIPART, readMultipart, UPLOAD_ROUTE, useMultipart } from '../../platform/http/multipart.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPE_CHECK, ATTACHMENTS_PER_UPLOAD, type AttachmentsService } from './attachments.service.ts';
import { PB } from './publishing.permissions.ts';

const tags = ['信息发布（一网通办交警专区）'];
const id = z.coerce.number({ error: '内容编号无效' }).int().positive();
const digest = z.string().regex(/^[0-9a-f]{64}$/, '附件编号无效');
const Id = z.strictObject({ id });
const FileOfVersion = z.strictObject({ id, digest });
const PublicFile = z.strictObject({ itemKey: z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/, '内容编号无效'), digest });
const UploadForm = z.object({ files: z.unknown().describe(`附件（PDF、JPEG、PNG，每个不超过 10 MB，一次最多 ${ATTACHMENTS_PER_UPLOAD} 个）`) });

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/** A file's answer: its type from the upload check, its name for the download, never sniffed by the browser. */
const sendFile = (reply: FastifyReply, file: { data: Buffer; mime: string; filename: string }, cacheControl: string) =>
  reply
    .header('content-type', file.mime)
    .header('cache-control', cacheControl)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `inline; filename="attachment.${EXTENSIONS[file.mime] ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.data);

/** G8 attachments: the author's uploads to a draft, the back office's view of any version's files, the public's files. */
export async function attachmentRoutes(fastify: FastifyInstance, service: AttachmentsService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  await useMultipart(fastify);

  app.get(
    '/api/publishing/contents/:id/attachments',
    {
      config: { access: perm(PB.edit, PB.review) },
      schema: { tags, summary: '某一版本的附件', params: Id, response: { 200: ContentAttachmentListSchema } },
    },
    async (request) => ({ items: await service.list(request.params.id) }),
  );
  app.post(
    '/api/publishing/contents/:id/attachments',
    {
      config: { access: perm(PB.edit) },
      ...UPLOAD_ROUTE,
      schema: {
        tags,
        summary: '上传附件到草稿（仅起草人；PDF、JPEG、PNG，按文件内容识别类型；留痕）',
        consumes: MULTIPART,
        params: Id,
        body: UploadForm,
        response: { 200: ContentAttachmentListSchema },
      },
    },
    async (request) => {
      const { files } = await readMultipart(request, {
        fileField: 'files',
        kind: FILES,
        maxFiles: ATTACHMENTS_PER_UPLOAD,
        maxBytes: ATTACHMENT_MAX_BYTES,
        fields: z.strictObject({}),
        typeCheck: ATTACHMENT_TYPE_CHECK,
      });
      return { items: await service.add(request.params.id, files, actorOf(request)) };
    },
  );
  app.delete(
    '/api/publishing/contents/:id/attachments/:digest',
    {
      config: { access: perm(PB.edit) },
      schema: { tags, summary: '从草稿删除附件（仅起草人；留痕）', params: FileOfVersion, response: { 200: ContentAttachmentListSchema } },
    },
    async (request) => ({ items: await service.remove(request.params.id, request.params.digest, actorOf(request)) }),
  );
  app.get(
    '/api/publishing/contents/:id/attachments/:digest',
    {
      config: { access: perm(PB.edit, PB.review) },
      schema: { tags, summary: '查看某一版本的附件（预览、审核用；不缓存）', params: FileOfVersion },
    },
    async (request, reply) => sendFile(reply, await service.file(request.params.id, request.params.digest), 'private, no-store'),
  );

  app.get(
    '/api/public/contents/:itemKey/attachments/:digest',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '公开：已发布内容生效版本的附件（按内容摘要寻址，永久可缓存）',
        params: PublicFile,
      },
    },
    // Content-addressed: the address names these exact bytes, so caches keep them for good.
    async (request, reply) => sendFile(reply, await service.publicFile(request.params.itemKey, request.params.digest), 'public, max-age=31536000, immutable'),
  );
}
