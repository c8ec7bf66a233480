import sharp from 'sharp';

/** Pixel statistics of a document image (T8): how sharp its edges are and how much contrast it has. */
export interface ImageQuality {
  /** Standard deviation of the Laplacian (edge strength) at 1000 px wide: low means blurred or out of focus. */
  sharpness: number;
  /** Standard deviation of the grey levels: low means washed out, too dark or faded. */
  contrast: number;
  /** Mean grey level, 0–255. */
  brightness: number;
}

const WIDTH = 1000;
const LAPLACIAN = { width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 };
const round = (x: number) => Math.round(x * 10) / 10;

function meanAndDeviation(pixels: Buffer): [number, number] {
  let sum = 0;
  let squares = 0;
  for (const v of pixels) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / pixels.length;
  return [mean, Math.sqrt(Math.max(0, squares / pixels.length - mean * mean))];
}

/**
 * Measures an image at a common width (so the figures compare across scan resolutions): the variance-of-Laplacian
 * focus measure and the grey-level spread. Noise raises the Laplacian too, so a noisy blurred image can pass: the
 * thresholds are parameters, to be calibrated on real scans.
 */
export async function measureQuality(image: Buffer): Promise<ImageQuality> {
  const grey = sharp(image).greyscale().resize({ width: WIDTH, withoutEnlargement: true });
  const [pixels, edges] = await Promise.all([grey.clone().raw().toBuffer(), grey.clone().convolve(LAPLACIAN).raw().toBuffer()]);
  const [brightness, contrast] = meanAndDeviation(pixels);
  return { sharpness: round(meanAndDeviation(edges)[1]), contrast: round(contrast), brightness: round(brightness) };
}
