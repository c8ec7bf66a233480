import { type DocType, defaultRequirements } from '@shtp/core/archive';
import sharp from 'sharp';
import type { Platform } from '../../../platform/platform.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import { demoExpiredJob } from '../archive.jobs.ts';
import { ArchiveService } from '../archive.service.ts';

/** The paper era of the demo ledger: registrations accepted before this are past any retention period (1–100 years). */
const PAPER_ERA_END = new Date(Date.UTC(1996, 0, 1));
/** A migration of scanned paper files, in the role of a registration system attaching pages (A8). */
const MIGRATION = { appId: 'demo-paper-scan', name: '纸质档案扫描迁移（演示）' };

/**
 * Demo data of a development database (to be shown on 到期处置): the e-bike demo's paper-era registrations get complete
 * archives of synthetic scanned pages — text-like bars, placed by a seeded generator, so that a run again files the
 * same content (attach answers it as a duplicate). No legal hold. Registered only in development (archive.module.ts).
 */
export function registerDemoExpired(platform: Platform, ebike: () => EbikeApi): void {
  const service = new ArchiveService(platform, () => ({ ebike: ebike() }));
  platform.jobs.register(demoExpiredJob, async (_payload, { actor, giveWay }) => {
    const kit = await import('@shtp/testkit');
    const { items } = await ebike().businessesAccepted({ from: new Date(0), to: PAPER_ERA_END }, null, 20);
    for (const accepted of items.filter((b) => b.type === 'register')) {
      const b = await ebike().business(accepted.lsh);
      if (!b) continue;
      const caller = { ...MIGRATION, department: { id: b.departmentId, name: '', path: b.departmentPath } };
      const rng = new kit.Rng(b.id);
      for (const { docType, minPages } of defaultRequirements(b.type, b.withAgent ? 'agent' : 'self')) {
        for (let page = 0; page < minPages; page++) {
          await giveWay();
          const content = (await scannedPage(docType, (n) => rng.int(0, n))).toString('base64');
          await service.attach({ lsh: b.lsh, docType, content }, { caller }, actor);
        }
      }
    }
  });
}

/** A scanned A4 page: a title bar and lines of "text" of random lengths, sharp enough for the page checks. */
async function scannedPage(docType: DocType, random: (max: number) => number): Promise<Buffer> {
  const [width, height] = [1000, 1400];
  const lines = Array.from({ length: 24 }, (_, i) => `<rect x="90" y="${230 + i * 44}" width="${260 + random(560)}" height="16" fill="#222"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f7f5ef"/>
    <rect x="${300 + random(60)}" y="110" width="${340 + docType.length * 8}" height="40" fill="#111"/>${lines.join('')}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
