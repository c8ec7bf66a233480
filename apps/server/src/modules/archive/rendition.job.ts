import sharp from 'sharp';
import type { Platform } from '../../platform/platform.ts';
import { renditionJob } from './archive.jobs.ts';
import { archiveParams } from './archive.params.ts';
import { archiveRepository as repo } from './archive.repository.ts';

const THUMB_WIDTH = 240;
const DISPLAY_EDGE = 1600;

/**
 * Makes a page's thumbnail and display rendition (auto-oriented, trimmed to the page, JPEG at the quality parameters)
 * and stores both in the image store. (A PDF is rendered page by page at capture; a page stored as a PDF is shown as it is.)
 */
export function registerRendition(platform: Platform): void {
  platform.jobs.register(renditionJob, async ({ pageId }, { db }) => {
    const page = await repo.page(db, pageId);
    if (!page || page.mime === 'application/pdf') return;
    const blob = await platform.blobs.get(page.digest);
    if (!blob) return; // erased with its disposed archive before the job ran
    const oriented = await sharp(blob.data).rotate().trim({ threshold: 20 }).toBuffer();
    const [thumbQ, displayQ] = await Promise.all([platform.params.get(archiveParams.thumbQuality), platform.params.get(archiveParams.displayQuality)]);
    const thumb = await sharp(oriented).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: thumbQ }).toBuffer();
    const display = await sharp(oriented)
      .resize({ width: DISPLAY_EDGE, height: DISPLAY_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: displayQ })
      .toBuffer();
    const [t, d] = await Promise.all([platform.blobs.put(thumb, { mime: 'image/jpeg' }), platform.blobs.put(display, { mime: 'image/jpeg' })]);
    await db.transaction(async (tx) => {
      await platform.blobs.hold(tx, [t.digest, d.digest]);
      await repo.setRenditions(tx, pageId, t.digest, d.digest);
    });
  });
}
