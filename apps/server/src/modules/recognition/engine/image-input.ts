import sharp from 'sharp';
import { AppError, badRequest } from '../../../platform/http/errors.ts';
import { fileTooLarge, IMAGES } from '../../../platform/http/multipart.ts';
import type { RgbImage } from './types.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface ImageLimits {
  /** Largest accepted file, bytes. */
  maxBytes: number;
  /** Largest accepted width × height (decompression bombs are refused before decoding). */
  maxPixels: number;
  /** Images are scaled down so that their longest side is at most this (the engine's working size). */
  maxSide: number;
}

export interface PreparedImage {
  image: RgbImage;
  format: ImageFormat;
  /** Size as uploaded, after EXIF orientation. */
  original: { width: number; height: number };
  /** Working size / original size (≤ 1); boxes are in working pixels, divide by it for the original's. */
  scale: number;
}

/** The type of an image by its first bytes (never by file name or declared content type). */
export function sniffImage(buf: Uint8Array): ImageFormat | 'bmp' | 'gif' | 'tiff' | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => buf[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x42, 0x4d)) return 'bmp';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return null;
}

/**
 * Validates an uploaded image and turns it into the engine's input: type by magic bytes (JPEG, PNG, WebP), size and
 * pixel limits, EXIF orientation applied, alpha flattened on white, scaled down to `maxSide`. All decoding runs on
 * libvips' thread pool, off the event loop.
 */
export async function prepareImage(buf: Uint8Array, limits: ImageLimits): Promise<PreparedImage> {
  if (buf.byteLength === 0) throw badRequest('IMAGE_EMPTY', '未上传图片或图片为空', [{ field: 'image', message: '请上传图片' }]);
  if (buf.byteLength > limits.maxBytes) throw fileTooLarge(IMAGES, limits.maxBytes);
  const sniffed = sniffImage(buf);
  if (sniffed !== 'jpeg' && sniffed !== 'png' && sniffed !== 'webp') {
    const what = sniffed ? `（检测到 ${sniffed.toUpperCase()}）` : '';
    throw new AppError(415, 'IMAGE_TYPE_UNSUPPORTED', `不支持的图片格式${what}，仅支持 JPEG、PNG、WebP`, [
      { field: 'image', message: '仅支持 JPEG、PNG、WebP' },
    ]);
  }
  const input = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw corrupt();
  }
  if (meta.format !== sniffed || !meta.width || !meta.height) throw corrupt();
  const pixels = meta.width * meta.height;
  if (pixels > limits.maxPixels) {
    throw badRequest('IMAGE_TOO_MANY_PIXELS', `图片像素过多（${meta.width}×${meta.height}），不能超过 ${Math.round(limits.maxPixels / 1e6)} 百万像素`, [
      { field: 'image', message: '图片分辨率过高' },
    ]);
  }
  if (meta.width < 16 || meta.height < 16) {
    throw badRequest('IMAGE_TOO_SMALL', `图片过小（${meta.width}×${meta.height}），宽和高均不能小于 16 像素`, [{ field: 'image', message: '图片分辨率过低' }]);
  }
  // EXIF orientations 5–8 swap width and height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const original = swapped ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  try {
    const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error', sequentialRead: true })
      .rotate()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`);
    return { image: { data, width: info.width, height: info.height }, format: sniffed, original, scale: info.width / original.width };
  } catch {
    throw corrupt();
  }
}

const corrupt = () => badRequest('IMAGE_CORRUPT', '图片无法解码（文件损坏、不完整或与格式不符）', [{ field: 'image', message: '图片无法解码' }]);
