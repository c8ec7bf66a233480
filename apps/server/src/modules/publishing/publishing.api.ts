import type { Tx } from '../../platform/db/client.ts';
import { type CaseStatusUpdate, casePush, type HubSync } from './hub/hub-sync.service.ts';

export type { CaseStatusUpdate } from './hub/hub-sync.service.ts';

/** What other modules may ask the 信息发布 module (internet zone). */
export interface PublishingApi {
  /**
   * G4 办件状态: queues a business's status for the citizen's 我的办件 at the 一网通办 hub, in the caller's business
   * transaction; sent by the job `publishing.hub-push` with the outbox's retries. A repeated status adds nothing.
   */
  caseStatus(tx: Tx, update: CaseStatusUpdate): Promise<void>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    publishing: PublishingApi;
  }
}

export const publishingApi = (sync: HubSync): PublishingApi => ({
  caseStatus: (tx, update) => sync.enqueue(tx, casePush(update)),
});
