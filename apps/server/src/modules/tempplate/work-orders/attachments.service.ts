import type { OrderAttachment } from '@shtp/core/tempplate';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { ContentRefusal, inspectContent } from '../../../platform/blobs/blob-content.ts';
import { AppError, conflict, notFound } from '../../../platform/http/errors.ts';
import type { UploadedFile } from '../../../platform/http/multipart.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { type AttachmentRow, attachmentsRepository as repo } from './attachments.repository.ts';
import { orderRefusal } from './work-order.policy.ts';
import { orderFacts } from './work-order.view.ts';
import { workOrdersRepository as orders } from './work-orders.repository.ts';

/** Largest attachment and the most an order keeps (photos of the site, scans, PDF notes). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_UPLOAD = 5;
const LIMITS = { maxBytes: ATTACHMENT_MAX_BYTES, maxPixels: 60_000_000 };

export const attachmentView = (r: AttachmentRow): OrderAttachment => ({
  id: r.id,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  by: r.uploaderName,
  at: r.uploadedAt.toISOString(),
});

/**
 * Files attached to a first check (T23): only while the order waits for the caller's department's first check (the
 * same decision as the first check itself); stored in the platform blob store, each upload and each view audited.
 */
export class AttachmentsService {
  constructor(private readonly platform: Platform) {}

  async add(p: Principal, actor: Actor, warningId: number, files: UploadedFile[]): Promise<OrderAttachment[]> {
    const r = await orders.one(this.platform.db, p, warningId);
    if (!r) throw notFound('预警');
    const refused = orderRefusal('firstCheck', orderFacts(r), p);
    if (refused) throw conflict('WORK_ORDER_REFUSED', `${refused}，不能上传初核附件`);
    const checked: (UploadedFile & { mime: string })[] = [];
    for (const f of files) {
      try {
        checked.push({ ...f, mime: (await inspectContent(f.data, LIMITS)).mime });
      } catch (err) {
        if (err instanceof ContentRefusal)
          throw new AppError(err.status, err.code, `${f.filename}：${err.message}`, [{ field: 'files', message: err.message }]);
        throw err;
      }
    }
    const stored: (UploadedFile & { mime: string; digest: string })[] = [];
    for (const f of checked) stored.push({ ...f, digest: (await this.platform.blobs.put(f.data, { mime: f.mime })).digest });
    await this.platform.db.transaction(async (tx) => {
      await this.platform.blobs.hold(
        tx,
        stored.map((f) => f.digest),
      );
      await repo.insert(
        tx,
        stored.map((f) => ({
          orderId: r.o.id,
          digest: f.digest,
          filename: f.filename.slice(0, 200),
          mime: f.mime,
          size: f.data.length,
          uploadedBy: actor.userId,
          uploaderName: actor.username ?? 'system',
        })),
      );
      await audit(tx, actor, {
        action: 'tempplate.attachment.add',
        targetType: 'tempplate_warning',
        targetId: warningId,
        details: { files: stored.map((f) => ({ name: f.filename, digest: f.digest, size: f.data.length })) },
      });
    });
    return (await repo.ofOrder(this.platform.db, r.o.id)).map(attachmentView);
  }

  /** One attachment of a warning the caller may reach; the view audited. */
  async get(p: Principal, actor: Actor, warningId: number, id: number) {
    const r = await orders.one(this.platform.db, p, warningId);
    const row = r && (await repo.one(this.platform.db, r.o.id, id));
    const blob = row && (await this.platform.blobs.get(row.digest));
    if (!row || !blob) throw notFound('附件');
    await audit(this.platform.db, actor, {
      action: 'tempplate.attachment.read',
      targetType: 'tempplate_warning',
      targetId: warningId,
      details: { attachment: id, name: row.filename },
    });
    return { ...blob, filename: row.filename };
  }
}
