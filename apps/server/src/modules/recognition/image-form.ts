import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { IMAGES, readMultipart } from '../../platform/http/multipart.ts';

/**
 * The upload of one recognition route: one image in the form field `image` with the route's text fields. The size
 * limit is the recognition parameter; the image's type is checked by `prepareImage` inside the audited call, so
 * that a refused file leaves its audit record like any failed recognition.
 */
export async function readImageForm<T extends z.ZodObject>(
  request: FastifyRequest,
  limits: { maxFileBytes(): Promise<number> },
  fields: T,
): Promise<{ image: Buffer; fields: z.infer<T> }> {
  const maxBytes = await limits.maxFileBytes();
  const form = await readMultipart(request, { fileField: 'image', kind: IMAGES, maxFiles: 1, maxBytes, fields });
  return { image: form.files[0]!.data, fields: form.fields };
}
