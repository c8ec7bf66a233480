import { existsSync, mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { EVENTS, Server, type Upload } from '@tus/server';
import type { Db } from '../db/client.ts';
import type { ParamsService } from '../params/params.service.ts';
import { ContentRefusal, inspectContent } from './blob-content.ts';
import type { BlobStore } from './blob-store.ts';
import type { BlobParams } from './blobs.params.ts';
import { blobsRepository as repo } from './blobs.repository.ts';

export const UPLOADS_PATH = '/api/uploads';
/** The signed-in user of each request the route hands over (the hooks get a web Request wrapping it). */
const uploaders = new WeakMap<IncomingMessage, number>();
export const bindUploader = (raw: IncomingMessage, userId: number) => uploaders.set(raw, userId);
const uploaderOf = (req: Request): string => {
  const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
  const userId = raw && uploaders.get(raw);
  if (!userId) throw refusal(401, 'UNAUTHENTICATED', '未登录或登录已超时，请重新登录');
  return String(userId);
};
/** The answer that completes an upload (and a HEAD on a completed one) names the blob it became. */
export const BLOB_HEADERS = { digest: 'Blob-Digest', size: 'Blob-Size', mime: 'Blob-Mime' } as const;

export const uploadsDir = (dataDir: string) => path.join(dataDir, 'uploads');

/**
 * The parts' store. @tus/file-store makes its folder in a callback of its own that throws outside any promise — an
 * uncaught error when DATA_DIR is removed meanwhile (a test's temporary folder). So the folder is made here,
 * synchronously, and the store's own asynchronous check (private in its typings) is switched off.
 */
class PartsStore extends FileStore {}
Object.defineProperty(PartsStore.prototype, 'checkOrCreateDirectory', { value: () => undefined });

function partsStore(dataDir: string, expirationPeriodInMilliseconds?: number): FileStore {
  const directory = uploadsDir(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return new PartsStore({ directory, expirationPeriodInMilliseconds });
}

interface Deps {
  db: Db;
  blobs: BlobStore;
  params: ParamsService;
  blobParams: BlobParams;
  dataDir: string;
}

const refusal = (status: number, code: string, message: string) => ({ status_code: status, body: JSON.stringify({ code, message, details: [] }) });
const NOT_FOUND = refusal(404, 'NOT_FOUND', '上传不存在或无权访问');

/**
 * The tus server of /api/uploads (resumable, idempotent uploads: a PATCH carries its offset, a repeated or interrupted
 * one is resumed from where the server has got to). Parts are kept under DATA_DIR/uploads until complete; then the
 * content is checked (magic bytes, size, pixels), put into the image store, and the parts are removed. Each upload
 * belongs to the user who created it: no one else can see, continue or cancel it.
 */
export function createUploadServer(deps: Deps): Server {
  const datastore = partsStore(deps.dataDir);
  const maxBytes = async () => (await deps.params.get(deps.blobParams.maxUploadMegabytes)) * 1024 * 1024;
  const server: Server = new Server({
    path: UPLOADS_PATH,
    datastore,
    relativeLocation: true,
    maxSize: maxBytes,
    exposedHeaders: Object.values(BLOB_HEADERS),
    async onUploadCreate(req) {
      return { metadata: { uploader: uploaderOf(req) } };
    },
    async onIncomingRequest(req, uploadId) {
      if (req.method === 'POST') return;
      const upload = await datastore.getUpload(uploadId).catch(() => null);
      if (upload?.metadata?.uploader !== uploaderOf(req)) throw NOT_FOUND;
    },
    async onUploadFinish(req, upload) {
      const ref = await finish(deps, upload, uploaderOf(req), await maxBytes(), datastore);
      return { headers: blobHeaders(ref) };
    },
  });
  // The parts are no longer needed once the answer is sent; the upload's record now says which blob it became.
  server.on(EVENTS.POST_FINISH, (_req, _res, upload) => {
    void datastore.remove(upload.id).catch(() => {});
  });
  return server;
}

export const blobHeaders = (ref: { digest: string; size: number; mime: string }) => ({
  [BLOB_HEADERS.digest]: ref.digest,
  [BLOB_HEADERS.size]: ref.size,
  [BLOB_HEADERS.mime]: ref.mime,
});

async function finish(deps: Deps, upload: Upload, uploader: string, maxBytes: number, datastore: FileStore) {
  const data = await readAll(datastore.read(upload.id));
  try {
    const maxPixels = (await deps.params.get(deps.blobParams.maxMegapixels)) * 1_000_000;
    const content = await inspectContent(data, { maxBytes, maxPixels });
    const ref = await deps.blobs.put(data, { mime: content.mime });
    await repo.recordUpload(deps.db, { id: upload.id, userId: Number(uploader), digest: ref.digest });
    return ref;
  } catch (err) {
    if (!(err instanceof ContentRefusal)) throw err;
    await datastore.remove(upload.id).catch(() => {});
    throw refusal(err.status, err.code, err.message);
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Removes the parts of uploads left unfinished for longer than the parameter allows. */
export async function purgeUnfinishedUploads(dataDir: string, hours: number): Promise<number> {
  if (!existsSync(uploadsDir(dataDir))) return 0; // no upload was ever started here
  return partsStore(dataDir, hours * 3600 * 1000).deleteExpired();
}
