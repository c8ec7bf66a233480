import sharp from 'sharp';

/** Pixel statistics of a document image (T8): how sharp its edges are, how much contrast it has, whether it is cut off. */
export interface ImageQuality {
  /** Standard deviation of the Laplacian (edge strength) at 1000 px wide: low means blurred or out of focus. */
  sharpness: number;
  /** Standard deviation of the grey levels: low means washed out, too dark or faded. */
  contrast: number;
  /** Mean grey level, 0–255. */
  brightness: number;
  /**
   * Cropping (T8): per side, the share (%) of the outermost 4-px strip that is edge (text or lines running into the
   * border) after a 3×3 median (noise removed). A document scanned whole has a margin there (0); a cut one has its
   * content there. Absent for images stored before it was measured.
   */
  edges?: EdgeContent;
}

export interface EdgeContent {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const WIDTH = 1000;
const LAPLACIAN = { width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 };
const round = (x: number) => Math.round(x * 10) / 10;
const STRIP = 4;
/** |Laplacian| above which a pixel counts as edge (the offset 128 is the zero). */
const EDGE = 30;

/** The share (%) of edge pixels in each side's outermost strip of a Laplacian image. */
function edgeContent(lap: Buffer, width: number, height: number): EdgeContent {
  const share = (x0: number, y0: number, x1: number, y1: number) => {
    let edge = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (Math.abs((lap[y * width + x] as number) - 128) > EDGE) edge++;
    return round((edge / Math.max(1, (x1 - x0) * (y1 - y0))) * 100);
  };
  const s = Math.min(STRIP, Math.floor(width / 2), Math.floor(height / 2));
  return { top: share(0, 0, width, s), right: share(width - s, 0, width, height), bottom: share(0, height - s, width, height), left: share(0, 0, s, height) };
}

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
  const [pixels, edges, border] = await Promise.all([
    grey.clone().raw().toBuffer(),
    grey.clone().convolve(LAPLACIAN).raw().toBuffer(),
    grey.clone().median(3).convolve(LAPLACIAN).raw().toBuffer({ resolveWithObject: true }),
  ]);
  const [brightness, contrast] = meanAndDeviation(pixels);
  return {
    sharpness: round(meanAndDeviation(edges)[1]),
    contrast: round(contrast),
    brightness: round(brightness),
    edges: edgeContent(border.data, border.info.width, border.info.height),
  };
}
