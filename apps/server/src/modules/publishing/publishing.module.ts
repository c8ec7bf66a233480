import { PUBLISHING_AUDIT_ACTIONS } from '@shtp/core/publishing';
import { yiwangtongbanConfig } from '../../integrations/yiwangtongban/yiwangtongban.config.ts';
import { createYwtbHubPort, type YwtbHubConnection } from '../../integrations/ywtb-hub/ywtb-hub.ts';
import { defineModule } from '../app-module.ts';
import { ContentsService } from './contents.service.ts';
import { hubRoutes } from './hub/hub.routes.ts';
import { HubSync } from './hub/hub-sync.service.ts';
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
export const publishingModule = defineModule<PublishingPorts>({
  name: 'publishing',
  zones: ['internet'],
  // Built-in roles (internet zone): the editor drafts; another role reviews, publishes and runs the hub's pushes.
  permissions: { catalogue: PUBLISHING_PERMISSIONS, proposals: { web_editor: [PB.menu, PB.edit], web_reviewer: [PB.menu, PB.review, PB.hub] } },
  auditActions: { label: '信息发布', actions: PUBLISHING_AUDIT_ACTIONS },
  async connect(platform) {
    return { ports: { hub: createYwtbHubPort(yiwangtongbanConfig(platform.config.source, platform.config)) }, close: async () => {} };
  },
  jobs: ({ platform, ports }) => {
    const sync = new HubSync(platform, ports.hub.port);
    platform.jobs.register(hubPushJob, ({ pushId }, { actor }) => sync.send(pushId, actor));
  },
  async routes(app, ctx) {
    const sync = new HubSync(ctx.platform, ctx.ports.hub.port);
    await publishingRoutes(app, ctx.platform, new ContentsService(ctx.platform, sync));
    await hubRoutes(app, ctx.platform, sync);
  },
});
