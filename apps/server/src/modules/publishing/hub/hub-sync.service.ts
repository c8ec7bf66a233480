import { type ContentAttachment, HUB_CASE_RANK, type HubServiceInput } from '@shtp/core/publishing';
import {
  type HubAreaContent,
  type HubCaseItem,
  HubRejectedError,
  type HubServiceEntry,
  type YwtbHubPort,
} from '../../../integrations/ywtb-hub/ywtb-hub.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { auditedCall } from '../../../platform/audit/audited-call.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { ContentRow } from '../contents.repository.ts';
import { hubPushJob } from '../publishing.jobs.ts';
import { nextServiceVersion, pushRetryRefusal } from './hub.policy.ts';
import { type HubPushRow, type HubServiceRow, type NewHubPush, hubRepository as repo } from './hub.repository.ts';

/** Attempts of one push by the queue before it waits for a person's retry (backoff in between: minutes, then hours). */
const PUSH_ATTEMPTS = 8;

/** The call a content version makes at the hub: its publication (from its time) or its withdrawal. */
export function contentPush(row: ContentRow, op: 'publish' | 'withdraw', attachments: readonly ContentAttachment[] = []): NewHubPush {
  const content: HubAreaContent = {
    itemKey: row.itemKey,
    version: row.version,
    op,
    kind: row.kind,
    title: row.title,
    body: row.body,
    publishAt: (row.publishAt ?? row.createdAt).toISOString(),
    // The hub links the files at their public addresses (served while this version is the one shown).
    ...(attachments.length ? { attachments: attachments.map(({ filename, mime, size, url }) => ({ filename, mime, size, url })) } : {}),
  };
  return { kind: 'content', businessKey: row.itemKey, version: row.version, op, payload: { ...content } };
}

/** What a business module reports of one of its 办件 (`PublishingApi.caseStatus`). */
export interface CaseStatusUpdate extends Omit<HubCaseItem, 'statusAt' | 'version' | 'userId'> {
  at: Date;
  /** The citizen's 随申办 openid when the business knows it (the hub files the case under them). */
  userId?: string | null;
}

/** The call a 办件's status makes at the hub: versioned by the status's rank, nothing but the hub's item fields. */
export function casePush(update: CaseStatusUpdate): NewHubPush {
  const version = HUB_CASE_RANK[update.status];
  const item: HubCaseItem = {
    businessNo: update.businessNo,
    serviceCode: update.serviceCode,
    status: update.status,
    statusAt: update.at.toISOString(),
    version,
    ...(update.userId ? { userId: update.userId } : {}),
    ...(update.summary ? { summary: update.summary } : {}),
  };
  return { kind: 'case', businessKey: update.businessNo, version, op: 'status', payload: { ...item } };
}

/**
 * G4 一网通办平台对接: the area's services registered with the hub, and the outbox of calls to it (services, and the
 * publishing module's contents). A call is added in the business transaction with its job; the job sends it once
 * (a sent, refused or superseded call is not sent again), audits every attempt, and leaves hub failures to the
 * queue's retries.
 */
export class HubSync {
  constructor(
    private readonly platform: Platform,
    private readonly hub: YwtbHubPort,
  ) {}

  /** Adds a call to the outbox and its job, in the caller's transaction; a repeated call adds nothing. */
  async enqueue(tx: DbOrTx, push: NewHubPush): Promise<void> {
    const row = await repo.enqueue(tx, push);
    if (row) await this.platform.jobs.enqueue(tx, hubPushJob, { pushId: row.id }, { idempotencyKey: `hub-push-${row.id}`, maxAttempts: PUSH_ATTEMPTS });
  }

  /** Registers or changes a service: a new version (and its push) only when something changed. */
  async registerService(input: HubServiceInput, actor: Actor): Promise<HubServiceRow> {
    return this.platform.db.transaction(async (tx) => {
      const held = await repo.serviceByCode(tx, input.serviceCode);
      const { version, changed } = nextServiceVersion(held, input);
      if (held && !changed) return held;
      const row = await repo.saveService(tx, { ...input, version, updatedBy: actor.userId!, updatedByName: actor.username ?? '未知' });
      const entry: HubServiceEntry = { ...input, version };
      await this.enqueue(tx, { kind: 'service', businessKey: input.serviceCode, version, op: 'register', payload: { ...entry } });
      await audit(tx, actor, {
        action: 'publishing.hub-service',
        targetType: 'hub-service',
        targetId: row.id,
        details: { serviceCode: input.serviceCode, version, status: input.status },
      });
      return row;
    });
  }

  /**
   * The zone's start: the services it provides (`HUB_SERVICE_CATALOGUE`) filed as drafts, once — a code already held
   * (draft or registered, changed since) is left alone; nothing is sent until a reviewer registers a draft.
   */
  async fileCatalogue(catalogue: readonly HubServiceInput[], actor: Actor): Promise<string[]> {
    return this.platform.db.transaction(async (tx) => {
      const filed = await repo.fileDrafts(
        tx,
        catalogue.map((s) => ({ ...s, updatedBy: actor.userId ?? 0, updatedByName: '系统预置' })),
      );
      if (filed.length > 0) await audit(tx, actor, { action: 'publishing.hub-catalogue', targetType: 'hub-service', details: { filed } });
      return filed;
    });
  }

  /** The job: sends one call unless it is settled or a newer version of its key reached the hub first. */
  async send(pushId: number, actor: Actor): Promise<void> {
    const db = this.platform.db;
    const push = await repo.push(db, pushId);
    if (push?.state !== 'pending') return;
    if (await repo.newerSent(db, push)) return repo.settle(db, push.id, { state: 'superseded' });
    // A 办件 of a service the hub does not list yet waits (not refused): its registration sends it (below).
    const serviceCode = push.kind === 'case' ? String(push.payload.serviceCode) : null;
    if (serviceCode && !(await repo.serviceKnownAtHub(db, serviceCode)))
      return repo.settle(db, push.id, { attempted: true, lastError: `事项编码 ${serviceCode} 尚未在一网通办登记，登记后自动推送` });
    const event = {
      action: 'publishing.hub-push',
      targetType: 'hub-push',
      targetId: push.id,
      details: { kind: push.kind, key: push.businessKey, version: push.version, op: push.op },
    };
    try {
      await auditedCall(db, actor, event, async () => ({ result: await this.call(push) }));
    } catch (err) {
      const refused = err instanceof HubRejectedError;
      await repo.settle(db, push.id, { attempted: true, lastError: (err as Error).message.slice(0, 500), ...(refused ? { state: 'failed' as const } : {}) });
      if (refused) return;
      throw err;
    }
    await db.transaction(async (tx) => {
      await repo.settle(tx, push.id, { attempted: true, state: 'sent', sentAt: new Date(), lastError: null });
      if (push.kind !== 'service') return;
      await repo.serviceSynced(tx, push.businessKey, push.version);
      // The service is known at the hub now: the 办件 that waited for it are sent.
      for (const waiting of await repo.waitingCases(tx, push.businessKey))
        await this.platform.jobs.enqueue(
          tx,
          hubPushJob,
          { pushId: waiting.id },
          { idempotencyKey: `hub-push-${waiting.id}-${waiting.attempts}`, maxAttempts: PUSH_ATTEMPTS },
        );
    });
  }

  /** A person sends a refused or failing call again (e.g. after the hub's data was corrected). */
  async retry(pushId: number, actor: Actor): Promise<HubPushRow> {
    return this.platform.db.transaction(async (tx) => {
      const push = await repo.push(tx, pushId, true);
      if (!push) throw notFound('推送记录');
      const refused = pushRetryRefusal(push);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      await repo.settle(tx, push.id, { state: 'pending', lastError: null });
      await this.platform.jobs.enqueue(tx, hubPushJob, { pushId }, { idempotencyKey: `hub-push-${pushId}-${push.attempts}`, maxAttempts: PUSH_ATTEMPTS });
      await audit(tx, actor, {
        action: 'publishing.hub-retry',
        targetType: 'hub-push',
        targetId: pushId,
        details: { key: push.businessKey, version: push.version, op: push.op },
      });
      return (await repo.push(tx, pushId))!;
    });
  }

  private call(push: HubPushRow): Promise<void> {
    if (push.kind === 'service') return this.hub.registerService(push.payload as unknown as HubServiceEntry);
    if (push.kind === 'case') return this.hub.pushCase(push.payload as unknown as HubCaseItem);
    return this.hub.pushContent(push.payload as unknown as HubAreaContent);
  }
}
