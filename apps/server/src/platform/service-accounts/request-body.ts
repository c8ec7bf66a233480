import { PassThrough, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';

const tooLarge = (limit: number) => new AppError(413, 'BODY_TOO_LARGE', `请求体超过 ${Math.floor(limit / 1024 / 1024)} MB 上限`);

/** Reads a request body into memory, refusing it as soon as it passes `limit` bytes. */
export async function readBody(request: FastifyRequest, payload: Readable, limit: number): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function streamOf(body: Buffer): PassThrough {
  const s = new PassThrough();
  s.end(body);
  return s;
}

/**
 * The body again, for whoever reads it after the signature check. Fastify's parsers read the stream a
 * preParsing hook returns; @fastify/multipart instead pipes `request.raw`, so for it the raw request is
 * replaced by a view that streams the buffered bytes and forwards everything else (headers, socket, url)
 * to the original message.
 */
export function replayBody(request: FastifyRequest, body: Buffer): Readable {
  if (/^multipart\//i.test(request.headers['content-type'] ?? '')) replaceRaw(request, body);
  return streamOf(body);
}

function replaceRaw(request: FastifyRequest, body: Buffer): void {
  const replay = streamOf(body);
  const original = request.raw;
  const view = new Proxy(replay, {
    get(target, prop) {
      const source: object = prop in target ? target : original;
      const value = Reflect.get(source, prop, source);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  });
  request.raw = view as unknown as typeof original;
}
