import { PUBLISHING_AUDIT_ACTIONS } from '@shtp/core/publishing';
import { defineModule } from '../app-module.ts';
import { ContentsService } from './contents.service.ts';
import { PUBLISHING_PERMISSIONS } from './publishing.permissions.ts';
import { publishingRoutes } from './publishing.routes.ts';

/** 信息发布 (G8, internet zone): notices and consultation answers for the 一网通办 traffic-police area. */
export const publishingModule = defineModule({
  name: 'publishing',
  zones: ['internet'],
  permissions: { catalogue: PUBLISHING_PERMISSIONS },
  auditActions: { label: '信息发布', actions: PUBLISHING_AUDIT_ACTIONS },
  routes: (app, ctx) => publishingRoutes(app, ctx.platform, new ContentsService(ctx.platform)),
});
