import { ARCHIVE_AUDIT_ACTIONS } from '@shtp/core/archive';
import { defineModule, requireApi } from '../app-module.ts';
import { demoExpiredJob } from './archive.jobs.ts';
import { archiveParams } from './archive.params.ts';
import { AP, ARCHIVE_PERMISSIONS, ARCHIVE_ROLE_PROPOSALS } from './archive.permissions.ts';
import { archiveRepository } from './archive.repository.ts';
import { archiveRoutes } from './archive.routes.ts';
import { ArchiveService } from './archive.service.ts';
import { ARCHIVE_SIGNED_TYPE, signedPageList } from './archive-signature.ts';
import { registerDemoExpired } from './demo/demo-expired.job.ts';
import { registerRendition } from './rendition.job.ts';
import { registerUnopenedScan } from './unopened-scan.job.ts';
import { registerWarningDigest } from './warning-digest.job.ts';

/** 非机动车档案资料影像化 (A1, A3–A8): the pages of every e-bike business, in the platform image store. */
export const archiveModule = defineModule({
  name: 'archive',
  zones: ['police'],
  permissions: { catalogue: ARCHIVE_PERMISSIONS, proposals: ARCHIVE_ROLE_PROPOSALS },
  params: Object.values(archiveParams),
  auditActions: { label: '影像档案', actions: ARCHIVE_AUDIT_ACTIONS },
  declare(platform) {
    platform.blobs.registerHolder('archive_pages', archiveRepository.contentInUse);
    platform.signer.registerType({
      type: ARCHIVE_SIGNED_TYPE,
      label: '影像档案页面清单',
      permission: AP.view,
      async load(db, lsh) {
        const a = await archiveRepository.byLsh(db, lsh);
        if (!a?.signature || a.signKeyVersion === null) return null;
        const pages = await archiveRepository.currentPages(db, a.id);
        return {
          fields: signedPageList(a, pages),
          signature: a.signature,
          keyVersion: a.signKeyVersion,
          signedAt: a.createdAt,
          signedBy: pages.at(-1)?.capturedByName ?? null,
        };
      },
    });
  },
  jobs: ({ platform, apis }) => {
    registerRendition(platform);
    registerWarningDigest(platform);
    registerUnopenedScan(platform, () => requireApi(apis, 'ebike'));
    if (platform.config.env === 'development') registerDemoExpired(platform, () => requireApi(apis, 'ebike'));
  },
  routes: archiveRoutes,
  async start({ platform, apis }) {
    await new ArchiveService(platform, () => ({ ebike: requireApi(apis, 'ebike') })).ensureCatalogue();
    if (platform.config.env !== 'development') return;
    // Once per database, after the e-bike module's start has written its paper-era demo registrations.
    await platform.jobs.enqueue(platform.db, demoExpiredJob, {}, { idempotencyKey: 'archive-demo-expired', maxAttempts: 5 });
  },
});
