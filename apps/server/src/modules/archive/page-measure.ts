import sharp from 'sharp';

export interface PageMeasures {
  /** Grey-level standard deviation (0–255): near zero for an empty sheet. */
  stdev: number;
  /** Variance of the Laplacian: low for a blurred page. */
  sharpness: number;
  /** The page as shown (after EXIF orientation). */
  width: number;
  height: number;
}

const LAPLACIAN = { width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], scale: 1, offset: 128 };

/** Measures an image page on a grey copy at most 1000 px wide (auto-oriented); PDF pages are not measured. */
export async function measurePage(data: Buffer): Promise<PageMeasures> {
  const oriented = await sharp(data).rotate().raw().toBuffer({ resolveWithObject: true });
  const grey = await sharp(oriented.data, { raw: { width: oriented.info.width, height: oriented.info.height, channels: oriented.info.channels } })
    .greyscale()
    .resize({ width: 1000, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image = () => sharp(grey.data, { raw: { width: grey.info.width, height: grey.info.height, channels: grey.info.channels } });
  // stats() reads its input, not the pipeline's output: the convolution is materialised first.
  const laplacian = await image().convolve(LAPLACIAN).raw().toBuffer({ resolveWithObject: true });
  const [plain, edges] = await Promise.all([
    image().stats(),
    sharp(laplacian.data, { raw: { width: laplacian.info.width, height: laplacian.info.height, channels: laplacian.info.channels } }).stats(),
  ]);
  return { stdev: plain.channels[0]!.stdev, sharpness: edges.channels[0]!.stdev ** 2, width: oriented.info.width, height: oriented.info.height };
}
