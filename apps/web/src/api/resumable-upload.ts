import { ApiErrorSchema } from '@shtp/core/platform';
import { type DetailedError, Upload } from 'tus-js-client';
import { ApiRequestError, csrfHeaders } from './client';

/** What the image store made of an upload: a module's capture request passes `uploadId`; the digest names the content. */
export interface UploadedBlob {
  uploadId: string;
  digest: string;
  size: number;
  mime: string;
}

export interface ResumableUploadOptions {
  onProgress?: (sent: number, total: number) => void;
  /** Aborts the upload (what was sent stays on the server until it expires; the same file resumes later). */
  signal?: AbortSignal;
}

/** 1 MB per request: on a poor station network an interruption costs at most one chunk. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Uploads a file to the platform's image store through /api/uploads (tus): retried and resumed from the server's offset
 * after a network failure, and — the same file chosen again, even after a page reload — resumed where it stopped.
 */
export function uploadResumable(file: File | Blob, opts: ResumableUploadOptions = {}): Promise<UploadedBlob> {
  return new Promise((resolve, reject) => {
    const upload = new Upload(file, {
      endpoint: '/api/uploads',
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file instanceof File ? file.name : 'blob', filetype: file.type },
      // The token may change (a new login) between chunks: read it for every request.
      onBeforeRequest: (req) => {
        for (const [name, value] of Object.entries(csrfHeaders())) req.setHeader(name, value);
      },
      onProgress: (sent, total) => opts.onProgress?.(sent, total),
      onSuccess: ({ lastResponse }) => {
        const digest = lastResponse.getHeader('Blob-Digest');
        if (!digest) return reject(new ApiRequestError(0, { code: 'HTTP_500', message: '上传完成但服务器未返回影像编号，请重试', details: [] }));
        resolve({
          uploadId: upload.url!.split('/').pop()!,
          digest,
          size: Number(lastResponse.getHeader('Blob-Size')),
          mime: lastResponse.getHeader('Blob-Mime') ?? '',
        });
      },
      onError: (error) => reject(toApiError(error)),
    });
    opts.signal?.addEventListener('abort', () => {
      void upload.abort();
      reject(new DOMException('上传已取消', 'AbortError'));
    });
    void upload.findPreviousUploads().then((previous) => {
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}

/** The server's refusal (JSON `{ code, message }`, in Chinese) or a network failure, as the console's error type. */
function toApiError(error: Error | DetailedError): ApiRequestError {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return new ApiRequestError(0, { code: 'NETWORK_ERROR', message: '网络中断，上传未完成；恢复网络后重新选择同一文件即可续传', details: [] });
  let body: unknown = null;
  try {
    body = JSON.parse(response.getBody());
  } catch {}
  const parsed = ApiErrorSchema.safeParse(body);
  const status = response.getStatus();
  return new ApiRequestError(status, parsed.success ? parsed.data : { code: `HTTP_${status}`, message: `上传失败（${status}）`, details: [] });
}
