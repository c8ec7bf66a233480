import { Upload } from 'tus-js-client';
import type { OutboxItem, PdaDatabase, SendOutcome } from '../offline/outbox.ts';

/** 256 kB per request: on a 3G edge an interruption costs at most one chunk. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Sends one photo of the outbox: its bytes through the platform's resumable upload (/api/uploads, tus), resumed from
 * the server's offset with the upload URL kept in IndexedDB; then the sealed attach call that ties it to its record.
 * No answer → the item stays pending with what was sent; the server refuses a second copy of the same picture.
 */
export async function sendPhoto(
  db: PdaDatabase,
  item: OutboxItem,
  csrf: () => string,
  attach: (uploadId: string) => Promise<SendOutcome>,
): Promise<SendOutcome> {
  const photo = item.photo!;
  const uploadUrl = await new Promise<string | null>((resolve) => {
    const upload = new Upload(photo.blob, {
      endpoint: '/api/uploads',
      uploadUrl: photo.uploadUrl,
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1000, 3000],
      storeFingerprintForResuming: false,
      metadata: { filename: `${item.id}.jpg`, filetype: 'image/jpeg' },
      onBeforeRequest: (req) => req.setHeader('X-CSRF-Token', csrf()),
      onChunkComplete: (_chunk, sent) => void db.outbox.update(item.id, { photo: { ...photo, uploadUrl: upload.url, sentBytes: sent } }),
      onSuccess: () => resolve(upload.url),
      onError: () => {
        void db.outbox.update(item.id, { photo: { ...photo, uploadUrl: upload.url } });
        resolve(null);
      },
    });
    upload.start();
  });
  if (!uploadUrl) return { status: 0, error: '照片上传中断，联网后从断点续传' };
  await db.outbox.update(item.id, { photo: { ...photo, uploadUrl, sentBytes: photo.blob.size } });
  return attach(uploadUrl.split('/').pop()!);
}
