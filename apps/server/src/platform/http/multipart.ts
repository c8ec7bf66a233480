import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, badRequest } from './errors.ts';

/*
 * The one multipart reader of the app (uploads of images, scans, materials). A route registers the plugin in its
 * plugin scope with `useMultipart`, declares `...UPLOAD_ROUTE` and `consumes: MULTIPART`, documents the form with its
 * body schema, and reads the parts in its handler with `readMultipart` — streamed, with limits, every refusal a
 * Chinese message on the field it concerns.
 */

/** Hard ceilings of the parser; each request's own limits (`MultipartSpec`) apply below them. */
export const MULTIPART_CEILINGS = { fileSize: 30 * 1024 * 1024, fieldSize: 1024, headerPairs: 100 };

export const MULTIPART = ['multipart/form-data'];

/**
 * Route options of an upload route: the handler reads the parts itself, so the body schema only documents the form;
 * the path and query are validated as on every other route.
 */
export const UPLOAD_ROUTE = {
  validatorCompiler: (route: FastifyRouteSchemaDef<unknown>) =>
    route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as FastifyRouteSchemaDef<z.ZodType>),
};

/**
 * Registers the multipart parser in the caller's plugin scope (only the routes of that scope accept uploads). The
 * reader checks each file's size itself, so a file in an unexpected field is drained, not an error of its own.
 */
export async function useMultipart(scope: FastifyInstance): Promise<void> {
  await scope.register(multipart, { limits: MULTIPART_CEILINGS, throwFileSizeLimit: false });
}

/** What the uploaded files are, for the messages (`请上传图片`, `一次最多上传 6 张图片`) and the codes (`IMAGE_REQUIRED`). */
export interface UploadKind {
  noun: string;
  /** The measure word: 张 (images), 个 (files), 份 (documents). */
  measure: string;
  /** How the size refusal names it: 图片文件过大. */
  sizeNoun: string;
  /** Prefix of the kind's error codes: `${code}_REQUIRED`, `${code}_TOO_LARGE`, `${code}_TYPE_UNSUPPORTED`. */
  code: 'IMAGE' | 'FILE';
}

export const IMAGES: UploadKind = { noun: '图片', measure: '张', sizeNoun: '图片文件', code: 'IMAGE' };
export const FILES: UploadKind = { noun: '文件', measure: '个', sizeNoun: '文件', code: 'FILE' };

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** 413: a file over the size limit (also for checks after the upload, e.g. an image's size parameter). */
export const fileTooLarge = (kind: UploadKind, maxBytes: number) =>
  new AppError(413, `${kind.code}_TOO_LARGE`, `${kind.sizeNoun}过大，不能超过 ${megabytes(maxBytes)}`);

export interface MultipartSpec<T extends z.ZodObject> {
  /** The form field that carries the file(s); a file in any other field is refused. */
  fileField: string;
  kind: UploadKind;
  maxFiles: number;
  /** Largest accepted file, bytes (at most `MULTIPART_CEILINGS.fileSize`). */
  maxBytes: number;
  /** The text fields (a strict object: unknown fields are refused by name), validated once the upload is read. */
  fields: T;
  /**
   * The magic-byte check: given each file's first `headBytes` bytes as soon as they arrive (never its name or declared
   * content type), a Chinese message when the type is not accepted — then the upload stops there with 415 — else null.
   */
  typeCheck?: { headBytes: number; refuse: (head: Buffer) => string | null };
}

export interface UploadedFile {
  data: Buffer;
  /** As the client sent them: for display and records only, never to decide the type. */
  filename: string;
  mimetype: string;
}

/**
 * Reads a multipart upload into file buffers and validated text fields. Refusals: 415 `MULTIPART_REQUIRED` (not
 * multipart), 413 `<KIND>_TOO_LARGE`, 415 `<KIND>_TYPE_UNSUPPORTED` (the type check), 400 `TOO_MANY_FILES`,
 * `TOO_MANY_FIELDS`, `UNEXPECTED_FILE` (a file in another field), `<KIND>_REQUIRED`, `MULTIPART_INVALID` (a broken
 * body), `VALIDATION_FAILED` (per field: its schema, too long, given twice).
 */
export async function readMultipart<T extends z.ZodObject>(
  request: FastifyRequest,
  spec: MultipartSpec<T>,
): Promise<{ files: UploadedFile[]; fields: z.infer<T> }> {
  const { kind, fileField } = spec;
  if (!request.isMultipart()) {
    throw new AppError(415, 'MULTIPART_REQUIRED', `请以 multipart/form-data 方式上传${kind.noun}（表单字段 ${fileField}）`, [
      { field: fileField, message: `请上传${kind.noun}` },
    ]);
  }
  const files: UploadedFile[] = [];
  const texts: Record<string, string> = {};
  const fieldErrors: { field: string; message: string }[] = [];
  let unexpectedFile: string | null = null;
  const maxFields = maxFieldsOf(spec.fields);
  const limits = {
    ...MULTIPART_CEILINGS,
    fileSize: Math.min(spec.maxBytes, MULTIPART_CEILINGS.fileSize),
    files: spec.maxFiles,
    fields: maxFields,
    parts: spec.maxFiles + maxFields,
  };
  try {
    for await (const part of request.parts({ limits })) {
      if (part.type === 'file') {
        if (part.fieldname === fileField) files.push(await readFile(part, spec));
        else {
          unexpectedFile = part.fieldname;
          part.file.resume(); // drained, not kept (its size is not checked: it is refused anyway)
        }
      } else if (part.valueTruncated) {
        fieldErrors.push({ field: part.fieldname, message: `内容过长，不能超过 ${MULTIPART_CEILINGS.fieldSize} 字节` });
      } else if (part.fieldname in texts) {
        fieldErrors.push({ field: part.fieldname, message: '字段重复，只能填写一次' });
      } else texts[part.fieldname] = String(part.value);
    }
  } catch (err) {
    throw refusalOf(err, spec);
  }
  if (unexpectedFile)
    throw badRequest('UNEXPECTED_FILE', `不支持的文件字段：${unexpectedFile}，${kind.noun}请放在字段 ${fileField} 中`, [
      { field: unexpectedFile, message: '不支持的文件字段' },
    ]);
  if (files.length === 0)
    throw badRequest(`${kind.code}_REQUIRED`, `请上传${kind.noun}（表单字段 ${fileField}）`, [{ field: fileField, message: `请上传${kind.noun}` }]);
  const parsed = spec.fields.safeParse(texts);
  const refused = new Set(fieldErrors.map((e) => e.field));
  for (const i of parsed.success ? [] : parsed.error.issues) {
    const field = i.path.join('.') || 'body';
    if (!refused.has(field)) fieldErrors.push({ field, message: i.code === 'unrecognized_keys' ? `不允许的字段：${i.keys.join('、')}` : i.message });
  }
  if (!parsed.success || fieldErrors.length > 0) throw badRequest('VALIDATION_FAILED', '输入校验未通过', fieldErrors);
  return { files, fields: parsed.data };
}

/** One file, streamed: the type check on its first bytes, the size limit as it grows. */
async function readFile(part: MultipartFile, spec: MultipartSpec<z.ZodObject>): Promise<UploadedFile> {
  const check = spec.typeCheck;
  const chunks: Buffer[] = [];
  let size = 0;
  let checked = !check;
  const checkHead = () => {
    const refused = check?.refuse(Buffer.concat(chunks).subarray(0, check.headBytes));
    checked = true;
    if (refused) throw new AppError(415, `${spec.kind.code}_TYPE_UNSUPPORTED`, refused, [{ field: spec.fileField, message: refused }]);
  };
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (!checked && size >= check!.headBytes) checkHead();
  }
  if (part.file.truncated) throw fileTooLarge(spec.kind, spec.maxBytes);
  if (!checked) checkHead();
  return { data: Buffer.concat(chunks, size), filename: part.filename, mimetype: part.mimetype };
}

/** The form's fields and a few more: unknown fields are named in the 400; beyond that the parser stops (TOO_MANY_FIELDS). */
const maxFieldsOf = (fields: z.ZodObject) => Object.keys(fields.shape).length + 4;

function refusalOf(err: unknown, spec: MultipartSpec<z.ZodObject>): AppError {
  if (err instanceof AppError) return err;
  const { kind, maxFiles } = spec;
  const textFields = Object.keys(spec.fields.shape).length;
  switch ((err as { code?: string }).code) {
    case 'FST_FILES_LIMIT':
      return badRequest(
        'TOO_MANY_FILES',
        maxFiles === 1 ? `一次只能上传一${kind.measure}${kind.noun}` : `一次最多上传 ${maxFiles} ${kind.measure}${kind.noun}`,
        [{ field: spec.fileField, message: `最多 ${maxFiles} ${kind.measure}` }],
      );
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return badRequest('TOO_MANY_FIELDS', textFields === 0 ? `表单字段过多（只接受${kind.noun}）` : `表单字段过多（最多 ${textFields} 个文本字段）`);
    default:
      return badRequest('MULTIPART_INVALID', '上传内容格式不正确（multipart 解析失败）');
  }
}
