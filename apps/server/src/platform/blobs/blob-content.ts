import sharp from 'sharp';

/** What the store accepts from an upload: scans, photos and PDF documents, recognised by their first bytes. */
export const UPLOAD_TYPES = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'application/pdf': 'PDF',
} as const;
export type UploadMime = keyof typeof UPLOAD_TYPES;

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** Enough of a file's beginning to recognise every accepted type. */
export const SNIFF_BYTES = 8;

/** The type of a file from its magic bytes (never its name or declared type), or null when it is not accepted. */
export function sniffMime(head: Buffer): UploadMime | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

export interface ContentLimits {
  maxBytes: number;
  /** Largest width × height of an image, checked from its header before anything is decoded (decompression bombs). */
  maxPixels: number;
}

export interface InspectedContent {
  mime: UploadMime;
  width: number | null;
  height: number | null;
}

/** A refusal of uploaded content: an HTTP status, a stable code and the Chinese message for the person uploading. */
export class ContentRefusal extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    readonly code: 'FILE_TOO_LARGE' | 'FILE_TYPE_UNSUPPORTED' | 'IMAGE_TOO_MANY_PIXELS' | 'FILE_CORRUPT',
    message: string,
  ) {
    super(message);
  }
}

const accepted = Object.values(UPLOAD_TYPES).join('、');
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Checks uploaded content: its size, its type by magic bytes, and for an image its dimensions as its header declares
 * them (sharp reads only the header here; nothing is decoded), so a small file that would decode into gigabytes is
 * refused. Throws a ContentRefusal with the reason in Chinese.
 */
export async function inspectContent(data: Buffer, limits: ContentLimits): Promise<InspectedContent> {
  if (data.length > limits.maxBytes) throw new ContentRefusal(413, 'FILE_TOO_LARGE', `文件过大，不能超过 ${megabytes(limits.maxBytes)}`);
  const mime = sniffMime(data.subarray(0, SNIFF_BYTES));
  if (!mime) throw new ContentRefusal(415, 'FILE_TYPE_UNSUPPORTED', `不支持的文件类型：只接受 ${accepted}（按文件内容识别，不看扩展名）`);
  if (mime === 'application/pdf') return { mime, width: null, height: null };
  let meta: sharp.Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch {
    throw new ContentRefusal(422, 'FILE_CORRUPT', `${UPLOAD_TYPES[mime]} 图片已损坏或不完整，无法读取，请重新扫描或拍摄`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width === 0 || height === 0) throw new ContentRefusal(422, 'FILE_CORRUPT', `${UPLOAD_TYPES[mime]} 图片没有有效的尺寸，无法读取`);
  if (width * height > limits.maxPixels) {
    throw new ContentRefusal(
      422,
      'IMAGE_TOO_MANY_PIXELS',
      `图片像素过多（${width}×${height}），不能超过 ${Math.round(limits.maxPixels / 1e6)} 百万像素，请降低扫描分辨率`,
    );
  }
  return { mime, width, height };
}
