import { createHash } from 'node:crypto';

/** The audit event of a call on an uploaded image: the image by its SHA-256 digest and size, never its content. */
export function imageAuditEvent(action: string, image: Buffer) {
  const digest = createHash('sha256').update(image).digest('hex');
  return { action, targetType: 'image', targetId: `sha256:${digest}`, details: { bytes: image.byteLength } };
}
