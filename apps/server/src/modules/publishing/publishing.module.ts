import { HUB_SERVICE_CATALOGUE, PUBLISHING_AUDIT_ACTIONS } from '@shtp/core/publishing';
import { yiwangtongbanConfig } from '../../integrations/yiwangtongban/yiwangtongban.config.ts';
import { createYwtbHubPort, type YwtbHubConnection } from '../../integrations/ywtb-hub/ywtb-hub.ts';
import { systemActor } from '../../platform/audit/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { defineModule } from '../app-module.ts';
import { attachmentsRepository } from './attachments.repository.ts';
import { attachmentRoutes } from './attachments.routes.ts';
import { AttachmentsService } from './attachments.service.ts';
import { ContentsService } from './contents.service.ts';
import { hubRoutes } from './hub/hub.routes.ts';
import { HubSync } from './hub/hub-sync.service.ts';
import { type PublishingApi, publishingApi } from './publishing.api.ts';
import { hubPushJob } from './publishing.jobs.ts';
import { PB, PUBLISHING_PERMISSIONS } from './publishing.permissions.ts';
import { publishingRoutes } from './publishing.routes.ts';

export interface PublishingPorts {
  /** G4: the 一网通办 hub's traffic-police area (a simulator outside production without YWTB_URL). */
  hub: YwtbHubConnection;
}

/**
 * 信息发布 (G8, internet zone): notices and consultation answers for the 一网通办 traffic-police area, and (G4) the
 * area's services registered with the hub, both pushed to it through an outbox.
 */
const syncs = new WeakMap<Platform, HubSync>();
/** One hub sync per app: jobs, API, routes and start share it. */
const syncOf = (platform: Platform, ports: PublishingPorts): HubSync => {
  let sync = syncs.get(platform);
  if (!sync) {
    sync = new HubSync(platform, ports.hub.port);
    syncs.set(platform, sync);
  }
  return sync;
};

export const publishingModule = defineModule<PublishingPorts, PublishingApi>({
  name: 'publishing',
  zones: ['internet'],
  // Built-in roles (internet zone): the editor drafts; another role reviews, publishes and runs the hub's pushes.
  permissions: { catalogue: PUBLISHING_PERMISSIONS, proposals: { web_editor: [PB.menu, PB.edit], web_reviewer: [PB.menu, PB.review, PB.hub] } },
  auditActions: { label: '信息发布', actions: PUBLISHING_AUDIT_ACTIONS },
  declare(platform) {
    // Attachments kept by digest: never erased from the shared store while a version names them.
    platform.blobs.registerHolder('publish_attachments', attachmentsRepository.heldImages);
  },
  async connect(platform) {
    return { ports: { hub: createYwtbHubPort(yiwangtongbanConfig(platform.config.source, platform.config)) }, close: async () => {} };
  },
  jobs: ({ platform, ports }) => {
    const sync = syncOf(platform, ports);
    platform.jobs.register(hubPushJob, ({ pushId }, { actor }) => sync.send(pushId, actor));
  },
  api: ({ platform, ports }) => publishingApi(syncOf(platform, ports)),
  // G4: the services this zone provides are filed as drafts at its first start (demo and production alike); a
  // reviewer registers them, nothing reaches the hub by itself.
  start: async ({ platform, ports }) => {
    await syncOf(platform, ports).fileCatalogue(HUB_SERVICE_CATALOGUE, systemActor('publishing start: hub catalogue'));
  },
  async routes(app, ctx) {
    const sync = syncOf(ctx.platform, ctx.ports);
    const attachments = new AttachmentsService(ctx.platform);
    await publishingRoutes(app, ctx.platform, new ContentsService(ctx.platform, sync, attachments), attachments);
    await attachmentRoutes(app, attachments);
    await hubRoutes(app, ctx.platform, sync);
  },
});
