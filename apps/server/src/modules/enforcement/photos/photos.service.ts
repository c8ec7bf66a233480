import { audit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/client.ts';
import { badRequest, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { type Officer, officerColumns } from '../handheld.ts';
import { onceByClientId } from '../party.ts';
import { type PhotoRecordType, type PhotoRow, photosRepository as repo } from './photos.repository.ts';

const view = (p: PhotoRow) => ({
  id: p.id,
  recordType: p.recordType,
  recordId: p.recordId,
  digest: p.digest,
  size: p.size,
  mime: p.mime,
  createdAt: p.createdAt.toISOString(),
});

/** P11: photos uploaded (resumable, /api/uploads) by the handheld, then attached to one of its records. */
export class PhotosService {
  constructor(private readonly platform: Platform) {}

  async attach(officer: Officer, body: { id: string; recordType: PhotoRecordType; recordId: string; uploadId: string }, digest: string) {
    const db = this.platform.db;
    const blob = await this.platform.blobs.claimUpload(body.uploadId, officer.principal.user.id);
    if (!blob) throw badRequest('VALIDATION_FAILED', '上传不存在或不是本人完成的上传', [{ field: 'uploadId', message: '上传不存在或未完成' }]);
    if (!blob.mime.startsWith('image/')) throw badRequest('VALIDATION_FAILED', '只能附加照片', [{ field: 'uploadId', message: '不是图片' }]);
    const department = await repo.recordDepartment(db, body.recordType, body.recordId);
    if (department !== officer.principal.department.id) throw notFound('执法记录');
    const row = await inTransaction(db, async (tx) => {
      await this.platform.blobs.hold(tx, [blob.digest]);
      const same = await repo.byRecordAndDigest(tx, body.recordId, blob.digest);
      if (same) return same; // the same picture sent again under another ID: one photo
      const { row, replayed } = await onceByClientId(
        () =>
          repo.insert(tx, { id: body.id, recordType: body.recordType, recordId: body.recordId, ...blob, requestDigest: digest, ...officerColumns(officer) }),
        () => repo.byId(tx, body.id),
        digest,
      );
      if (!replayed)
        await audit(tx, officer.actor, {
          action: 'enforcement.photo',
          targetType: `enf_${body.recordType}`,
          targetId: body.recordId,
          details: { digest: blob.digest, size: blob.size },
        });
      return row;
    });
    return view(row);
  }

  async ofRecord(principal: Principal, recordType: PhotoRecordType, recordId: string) {
    if (!(await repo.recordInScope(this.platform.db, principal, recordType, recordId))) throw notFound('执法记录');
    return (await repo.ofRecord(this.platform.db, recordId)).map(view);
  }

  /** The picture itself, for a reader who may see its record; every view audited. */
  async content(principal: Principal, actor: Officer['actor'], id: string) {
    const photo = await repo.byIdInScope(this.platform.db, principal, id);
    if (!photo) throw notFound('照片');
    const blob = await this.platform.blobs.get(photo.digest);
    if (!blob) throw notFound('照片');
    await audit(this.platform.db, actor, { action: 'enforcement.photo-view', targetType: 'enf_photo', targetId: id });
    return blob;
  }
}
