import { defineModule } from '../app-module.ts';
import { type SystemApi, systemApi } from './system.api.ts';
import { systemRoutes } from './system.routes.ts';

/** 系统管理: departments, users, roles and permissions, online sessions (the platform's own catalogue). */
export const systemModule = defineModule<undefined, SystemApi>({
  name: 'system',
  zones: ['police', 'internet'],
  api: ({ platform }) => systemApi(platform),
  routes: (app, { platform }) => systemRoutes(app, { platform }),
});
