import { randomBytes } from 'node:crypto';
import type { ContentDraft, ContentEdit, ContentReview } from '@shtp/core/publishing';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { badRequest, conflict, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { attachmentsRepository as files } from './attachments.repository.ts';
import type { AttachmentsService } from './attachments.service.ts';
import { contentRefusal, draftRefusal, publishAtRefusal } from './content.policy.ts';
import { type ContentRow, contentsRepository as repo } from './contents.repository.ts';
import { contentPush, type HubSync } from './hub/hub-sync.service.ts';

/** G8 信息发布: draft → submit → review (publish now or at a set time, or reject) → withdraw; every step audited. */
export class ContentsService {
  constructor(
    private readonly platform: Platform,
    private readonly hub: HubSync,
    private readonly attachments: AttachmentsService,
  ) {}

  /** A new item, or the next version of `itemKey`. */
  async draft(body: ContentDraft, actor: Actor): Promise<ContentRow> {
    const itemKey = body.itemKey ?? `c-${randomBytes(6).toString('hex')}`;
    return this.platform.db.transaction(async (tx) => {
      const versions = await repo.versions(tx, itemKey, true);
      const refused = draftRefusal(versions);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      const row = await repo.insert(tx, {
        itemKey,
        version: await repo.nextVersion(tx, itemKey),
        kind: body.kind,
        title: body.title,
        body: body.body,
        createdBy: actor.userId!,
        createdByName: actor.username ?? '未知',
      });
      if (!row) throw conflict('BUSINESS_REFUSED', '该内容同时有人起草了新版本，请刷新后重试');
      // A new version of a published item starts with the files of its newest published version.
      const published = versions.filter((v) => v.state === 'published').at(-1);
      if (published) await this.attachments.carryOver(tx, published, row);
      await audit(tx, actor, { action: 'publishing.draft', targetType: 'publish-content', targetId: row.id, details: { itemKey, version: row.version } });
      return row;
    });
  }

  /** The author changes a draft's title and body before submitting it. */
  async edit(id: number, change: ContentEdit, actor: Actor): Promise<ContentRow> {
    return this.step(id, actor, 'edit', (row) => ({ from: row.state, set: { state: 'draft' as const, ...change }, details: {} }));
  }

  async submit(id: number, actor: Actor): Promise<ContentRow> {
    return this.step(id, actor, 'submit', (row) => ({ from: row.state, set: { state: 'pending' as const }, details: {} }));
  }

  async review(id: number, review: ContentReview, actor: Actor): Promise<ContentRow> {
    const now = new Date();
    const publishAt = review.publishAt ? new Date(review.publishAt) : undefined;
    const refused = review.decision === 'approved' ? publishAtRefusal(publishAt, now) : null;
    if (refused) throw badRequest('VALIDATION_FAILED', refused, [{ field: 'publishAt', message: refused }]);
    return this.step(id, actor, 'review', () => ({
      from: 'pending' as const,
      set: {
        state: review.decision === 'approved' ? ('published' as const) : ('rejected' as const),
        reviewedBy: actor.userId,
        reviewedByName: actor.username ?? '未知',
        reviewedAt: now,
        reviewNote: review.note ?? null,
        publishAt: review.decision === 'approved' ? (publishAt ?? now) : null,
      },
      details: { decision: review.decision, ...(publishAt ? { publishAt: publishAt.toISOString() } : {}) },
    }));
  }

  /** Withdraws the item the version belongs to (every published version of it). */
  async withdraw(id: number, actor: Actor): Promise<ContentRow> {
    return this.platform.db.transaction(async (tx) => {
      const row = await repo.byId(tx, id, true);
      if (!row) throw notFound('发布内容');
      const refused = contentRefusal('withdraw', row, actor.userId);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      const shown = (await repo.versions(tx, row.itemKey)).filter((v) => v.state === 'published').at(-1);
      const withdrawn = await repo.withdrawItem(tx, row.itemKey, new Date());
      // G4: the hub takes down the version it holds (the newest published one).
      if (shown) await this.hub.enqueue(tx, contentPush(shown, 'withdraw'));
      await audit(tx, actor, { action: 'publishing.withdraw', targetType: 'publish-content', targetId: id, details: { itemKey: row.itemKey, withdrawn } });
      return (await repo.byId(tx, id))!;
    });
  }

  /** One state change of a version under its policy, audited in the same transaction. */
  private step(
    id: number,
    actor: Actor,
    what: 'edit' | 'submit' | 'review',
    change: (row: ContentRow) => { from: ContentRow['state']; set: Partial<ContentRow> & { state: ContentRow['state'] }; details: Record<string, unknown> },
  ): Promise<ContentRow> {
    return this.platform.db.transaction(async (tx) => {
      const row = await repo.byId(tx, id, true);
      if (!row) throw notFound('发布内容');
      const refused = contentRefusal(what, row, actor.userId);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      const { from, set, details } = change(row);
      await repo.transition(tx, id, from, set);
      const updated = (await repo.byId(tx, id))!;
      // G4: an approved version goes to the hub's area in the same transaction (shown there from its time).
      if (updated.state === 'published') {
        const attached = (await files.ofContent(tx, id)).map((a) => this.attachments.view(updated.itemKey, a));
        await this.hub.enqueue(tx, contentPush(updated, 'publish', attached));
      }
      await audit(tx, actor, {
        action: `publishing.${what}`,
        targetType: 'publish-content',
        targetId: id,
        details: { itemKey: row.itemKey, version: row.version, ...details },
      });
      return updated;
    });
  }
}
