import type { Department } from '@shtp/core/system';
import type { Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { DepartmentsService } from './departments.service.ts';
import { type StaffChange, staffRecognitionRepository } from './staff-recognition.repository.ts';
import { type RecognisedStaffRecord, recogniseStaff } from './staff-recognition.ts';

/** What other modules may ask the system module: the organisation as the caller may see it. */
export interface SystemApi {
  /** The enabled departments of the principal's data scope, ready for a tree picker. */
  enabledDepartments(principal: Principal): Promise<Department[]>;
  /** Police zone: accounts changed after a watermark (G13 `police-users` source; never a password hash). */
  staffChangedAfter(after: { at: string; id: number } | null, settledBefore: Date, limit: number): Promise<StaffChange[]>;
  /** Police zone: marks an account changed (its `police-users` record is read again on the next cycle). */
  touchStaff(tx: Tx, userId: number): Promise<void>;
  /** Internet zone: police accounts that crossed, recognised as local accounts (G5/G13), in the package's transaction. */
  recogniseStaff(tx: Tx, records: readonly RecognisedStaffRecord[]): Promise<void>;
}

export type { RecognisedStaffRecord, StaffChange };

declare module '../app-module.ts' {
  interface ModuleApis {
    system: SystemApi;
  }
}

export function systemApi(platform: Platform): SystemApi {
  const departments = new DepartmentsService(platform.db);
  return {
    enabledDepartments: async (principal) => (await departments.list(principal)).filter((d) => d.enabled),
    staffChangedAfter: (after, settledBefore, limit) => staffRecognitionRepository.changedAfter(platform.db, after, settledBefore, limit),
    touchStaff: async (tx, userId) => {
      await staffRecognitionRepository.touch(tx, userId);
      await platform.integrity.refresh(tx, 'user', [userId]);
    },
    recogniseStaff: (tx, records) => recogniseStaff(platform, tx, records),
  };
}
