import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, badRequest } from '../../platform/http/errors.ts';
import { imageTooLarge } from './engine/image-input.ts';

/** Hard ceilings of the multipart parser; the file-size parameter is applied per request below them. */
export const MULTIPART_CEILINGS = { fileSize: 30 * 1024 * 1024, fieldSize: 200, headerPairs: 100 };

export interface FormSpec<T extends z.ZodType> {
  /** The form field that carries the image(s). */
  fileField: string;
  maxFiles: number;
  maxBytes: number;
  fields: T;
  /** How many text fields the form may carry. */
  maxFields: number;
}

/**
 * Reads a multipart upload (streamed, with limits) into image buffers and validated text fields, with the Chinese
 * errors of the phase-1 routes: 415 not multipart, 413 file too large, 400 too many files or fields, unexpected file
 * field, image missing, field validation.
 */
export async function readMultipartForm<T extends z.ZodType>(request: FastifyRequest, spec: FormSpec<T>): Promise<{ files: Buffer[]; fields: z.infer<T> }> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'MULTIPART_REQUIRED', `请以 multipart/form-data 方式上传图片（表单字段 ${spec.fileField}）`, [
      { field: spec.fileField, message: '请上传图片' },
    ]);
  }
  const files: Buffer[] = [];
  let unexpectedFile: string | null = null;
  const fields: Record<string, string> = {};
  const limits = { ...MULTIPART_CEILINGS, fileSize: spec.maxBytes, files: spec.maxFiles, fields: spec.maxFields, parts: spec.maxFiles + spec.maxFields + 2 };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        if (part.fieldname === spec.fileField) files.push(buf);
        else unexpectedFile = part.fieldname;
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw imageTooLarge(spec.maxBytes);
    if (code === 'FST_FILES_LIMIT')
      throw badRequest('TOO_MANY_FILES', spec.maxFiles === 1 ? '一次只能上传一张图片' : `一次最多上传 ${spec.maxFiles} 张图片`, [
        { field: spec.fileField, message: `最多 ${spec.maxFiles} 张` },
      ]);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badRequest('TOO_MANY_FIELDS', '表单字段过多');
    throw badRequest('MULTIPART_INVALID', '上传内容格式不正确（multipart 解析失败）');
  }
  if (unexpectedFile)
    throw badRequest('UNEXPECTED_FILE', `不支持的文件字段：${unexpectedFile}，图片请放在字段 ${spec.fileField} 中`, [
      { field: unexpectedFile, message: '不支持的文件字段' },
    ]);
  if (files.length === 0) throw badRequest('IMAGE_REQUIRED', `请上传图片（表单字段 ${spec.fileField}）`, [{ field: spec.fileField, message: '请上传图片' }]);
  const parsed = spec.fields.safeParse(fields);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      field: i.path.join('.') || 'body',
      message: i.code === 'unrecognized_keys' ? `不允许的字段：${i.keys.join('、')}` : i.message,
    }));
    throw badRequest('VALIDATION_FAILED', '输入校验未通过', details);
  }
  return { files, fields: parsed.data };
}
