import sharp from 'sharp';
import { type ImageLimits, prepareImage } from '../engine/image-input.ts';
import { NATIVE_CROP, type RecaptureImage, WORKING_SIZE } from './features.ts';

/**
 * Validates an upload like every recognition input (type by magic bytes, size, pixel limits, EXIF orientation) and
 * decodes what the features need: the image scaled to WORKING_SIZE and a grey centre crop at the upload's own pixel
 * grid. Both decodes run on libvips' threads, off the event loop.
 */
export async function decodeForRecapture(
  buf: Uint8Array,
  limits: Omit<ImageLimits, 'maxSide'>,
): Promise<RecaptureImage & { format: string; original: { width: number; height: number } }> {
  const prepared = await prepareImage(buf, { ...limits, maxSide: WORKING_SIZE });
  const { width, height } = prepared.original;
  const cw = Math.min(NATIVE_CROP, width);
  const ch = Math.min(NATIVE_CROP, height);
  // Crop origin on the 8-pixel JPEG grid.
  const left = Math.floor((width - cw) / 2 / 8) * 8;
  const top = Math.floor((height - ch) / 2 / 8) * 8;
  const input = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const { data, info } = await sharp(input, { limitInputPixels: limits.maxPixels })
    .rotate()
    .extract({ left, top, width: cw, height: ch })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Float32Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels] as number;
  return {
    rgb: prepared.image.data,
    width: prepared.image.width,
    height: prepared.image.height,
    native: { grey, width: info.width, height: info.height },
    format: prepared.format,
    original: prepared.original,
  };
}
