import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { installErrorHandler } from './error-handler.ts';
import { FILES, IMAGES, MULTIPART_CEILINGS, type MultipartSpec, readMultipart, UPLOAD_ROUTE, useMultipart } from './multipart.ts';

type Part = { name: string; value: string } | { name: string; file: Buffer; filename?: string; type?: string };

function form(parts: Part[], opts: { unterminated?: boolean } = {}) {
  const boundary = '----mp-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename ?? 'a.bin'}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`;
      chunks.push(Buffer.from(head), p.file, Buffer.from('\r\n'));
    }
  }
  if (!opts.unterminated) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);
const fields = z.strictObject({ title: z.string({ error: '请填写标题' }).max(20, '标题不能超过 20 个字符'), note: z.string().optional() });
const heads: number[] = [];
const archive: MultipartSpec<typeof fields> = {
  fileField: 'scans',
  kind: FILES,
  maxFiles: 2,
  maxBytes: 64 * 1024,
  fields,
  typeCheck: {
    headBytes: 5,
    refuse: (head) => {
      heads.push(head.length);
      return head.toString('latin1') === '%PDF-' ? null : '仅支持 PDF 文件';
    },
  },
};

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  installErrorHandler(app);
  await app.register(async (scope) => {
    await useMultipart(scope);
    scope.post('/archive', UPLOAD_ROUTE, async (request) => {
      const { files, fields: f } = await readMultipart(request, archive);
      return { fields: f, files: files.map((x) => ({ bytes: x.data.length, filename: x.filename, mimetype: x.mimetype })) };
    });
    scope.post('/photo', UPLOAD_ROUTE, async (request) => {
      const { files } = await readMultipart(request, { fileField: 'image', kind: IMAGES, maxFiles: 1, maxBytes: 1024, fields: z.strictObject({}) });
      return { bytes: files[0]!.data.length };
    });
  });
});
afterAll(() => app.close());

const post = (url: string, parts: Part[], opts?: { unterminated?: boolean }) => app.inject({ method: 'POST', url, ...form(parts, opts) });

describe('readMultipart', () => {
  it('reads the files of the file field and the validated text fields', async () => {
    const res = await post('/archive', [
      { name: 'title', value: '卷宗 1' },
      { name: 'scans', file: PDF, filename: '第1页.pdf', type: 'application/pdf' },
      { name: 'scans', file: PDF },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fields: { title: '卷宗 1' },
      files: [
        { bytes: PDF.length, filename: '第1页.pdf', mimetype: 'application/pdf' },
        { bytes: PDF.length, filename: 'a.bin', mimetype: 'application/octet-stream' },
      ],
    });
  });

  it('refuses a body that is not multipart (415)', async () => {
    const res = await app.inject({ method: 'POST', url: '/archive', payload: { title: 'x' } });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({
      code: 'MULTIPART_REQUIRED',
      message: '请以 multipart/form-data 方式上传文件（表单字段 scans）',
      details: [{ field: 'scans', message: '请上传文件' }],
    });
  });

  it('refuses a file over the limit with 413 and the limit in the message', async () => {
    const res = await post('/archive', [
      { name: 'title', value: 't' },
      { name: 'scans', file: Buffer.concat([PDF, Buffer.alloc(64 * 1024)]) },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', message: '文件过大，不能超过 0.1 MB' });
    const photo = await post('/photo', [{ name: 'image', file: Buffer.alloc(1025) }]);
    expect(photo.statusCode).toBe(413);
    expect(photo.json()).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/^图片文件过大/) });
  });

  it('refuses a file in another field, naming that field', async () => {
    const res = await post('/archive', [
      { name: 'title', value: 't' },
      { name: 'attachment', file: PDF },
      { name: 'scans', file: PDF },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      code: 'UNEXPECTED_FILE',
      message: '不支持的文件字段：attachment，文件请放在字段 scans 中',
      details: [{ field: 'attachment', message: '不支持的文件字段' }],
    });
  });

  it('refuses more files than allowed, and a form without its file', async () => {
    const three = await post('/archive', [{ name: 'title', value: 't' }, ...[1, 2, 3].map(() => ({ name: 'scans', file: PDF }))]);
    expect(three.statusCode).toBe(400);
    expect(three.json()).toMatchObject({ code: 'TOO_MANY_FILES', message: '一次最多上传 2 个文件', details: [{ field: 'scans', message: '最多 2 个' }] });
    const two = await post('/photo', [
      { name: 'image', file: Buffer.alloc(10) },
      { name: 'image', file: Buffer.alloc(10) },
    ]);
    expect(two.json()).toMatchObject({ code: 'TOO_MANY_FILES', message: '一次只能上传一张图片' });
    const none = await post('/archive', [{ name: 'title', value: 't' }]);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'FILE_REQUIRED', message: '请上传文件（表单字段 scans）', details: [{ field: 'scans', message: '请上传文件' }] });
    expect((await post('/photo', [])).json()).toMatchObject({ code: 'IMAGE_REQUIRED', message: '请上传图片（表单字段 image）' });
  });

  it('names each invalid text field: its schema, unknown, too long, given twice', async () => {
    const res = await post('/archive', [
      { name: 'title', value: '一'.repeat(21) },
      { name: 'colour', value: 'red' },
      { name: 'note', value: 'a' },
      { name: 'note', value: 'b' },
      { name: 'scans', file: PDF },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details).toEqual([
      { field: 'note', message: '字段重复，只能填写一次' },
      { field: 'title', message: '标题不能超过 20 个字符' },
      { field: 'body', message: '不允许的字段：colour' },
    ]);
    const long = await post('/archive', [
      { name: 'title', value: 'x'.repeat(MULTIPART_CEILINGS.fieldSize + 1) },
      { name: 'scans', file: PDF },
    ]);
    expect(long.json().details).toEqual([{ field: 'title', message: `内容过长，不能超过 ${MULTIPART_CEILINGS.fieldSize} 字节` }]);
    const missing = await post('/archive', [{ name: 'scans', file: PDF }]);
    expect(missing.json().details).toEqual([{ field: 'title', message: '请填写标题' }]);
  });

  it('stops at too many text fields', async () => {
    const res = await post('/archive', [...Array.from({ length: 7 }, (_, i) => ({ name: `f${i}`, value: 'x' })), { name: 'scans', file: PDF }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'TOO_MANY_FIELDS', message: '表单字段过多（最多 2 个文本字段）' });
    const photo = await post('/photo', [...Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: 'x' })), { name: 'image', file: Buffer.alloc(10) }]);
    expect(photo.json()).toMatchObject({ code: 'TOO_MANY_FIELDS', message: '表单字段过多（只接受图片）' });
  });

  it('refuses a broken multipart body with 400', async () => {
    const res = await post(
      '/archive',
      [
        { name: 'title', value: 't' },
        { name: 'scans', file: PDF },
      ],
      { unterminated: true },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MULTIPART_INVALID', message: '上传内容格式不正确（multipart 解析失败）' });
  });

  it('checks the type by the first bytes only, whatever the name or declared type, and stops the upload there', async () => {
    heads.length = 0;
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(60 * 1024, 1)]);
    const res = await post('/archive', [
      { name: 'title', value: 't' },
      { name: 'scans', file: gif, filename: 'scan.pdf', type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toEqual({ code: 'FILE_TYPE_UNSUPPORTED', message: '仅支持 PDF 文件', details: [{ field: 'scans', message: '仅支持 PDF 文件' }] });
    expect(heads).toEqual([5]);
    // A file shorter than the head is checked on what there is.
    heads.length = 0;
    expect(
      (
        await post('/archive', [
          { name: 'title', value: 't' },
          { name: 'scans', file: Buffer.from('%PD') },
        ])
      ).statusCode,
    ).toBe(415);
    expect(heads).toEqual([3]);
  });
});
