import type { Department } from '@shtp/core/system';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { DepartmentsService } from './departments.service.ts';

/** What other modules may ask the system module: the organisation as the caller may see it. */
export interface SystemApi {
  /** The enabled departments of the principal's data scope, ready for a tree picker. */
  enabledDepartments(principal: Principal): Promise<Department[]>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    system: SystemApi;
  }
}

export function systemApi(platform: Platform): SystemApi {
  const departments = new DepartmentsService(platform.db);
  return {
    enabledDepartments: async (principal) => (await departments.list(principal)).filter((d) => d.enabled),
  };
}
