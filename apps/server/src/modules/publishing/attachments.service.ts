import { ATTACHMENT_TYPES, type AttachmentMime, type ContentAttachment } from '@shtp/core/publishing';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { ContentRefusal, inspectContent, SNIFF_BYTES, sniffMime } from '../../platform/blobs/blob-content.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import type { Platform } from '../../platform/platform.ts';
import { type AttachmentRow, attachmentsRepository as repo } from './attachments.repository.ts';
import { attachmentRefusal } from './content.policy.ts';
import { type ContentRow, contentsRepository as contents } from './contents.repository.ts';
import { publicOrigin } from './publishing.settings.ts';

/** Largest file, files per upload, files per version (a notice's forms and pictures, not an archive). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_UPLOAD = 5;
export const ATTACHMENTS_PER_VERSION = 10;
const LIMITS = { maxBytes: ATTACHMENT_MAX_BYTES, maxPixels: 40_000_000 };

const accepted = Object.values(ATTACHMENT_TYPES).join('、');
const isAttachmentMime = (mime: string | null): mime is AttachmentMime => mime !== null && mime in ATTACHMENT_TYPES;

/** The upload's magic-byte check (`readMultipart` `typeCheck`): only PDF, JPEG and PNG, whatever the name says. */
export const ATTACHMENT_TYPE_CHECK = {
  headBytes: SNIFF_BYTES,
  refuse: (head: Buffer) => (isAttachmentMime(sniffMime(head)) ? null : `不支持的附件类型：只接受 ${accepted}（按文件内容识别，不看扩展名）`),
};

/** The public address of a version's file: on the zone's public origin when one is set (`publicOrigin`), else relative. */
const attachmentUrl = (origin: string, itemKey: string, digest: string) => `${origin}/api/public/contents/${itemKey}/attachments/${digest}`;

/** A client's file name for display and the download's name: no path, no control characters, at most 200 characters. */
const cleanName = (name: string) =>
  name
    .replace(/^.*[\\/]/, '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200) || '附件';

/**
 * G8 attachments: files (PDF, JPEG, PNG) of a content version in the platform image store, added to and removed from
 * a draft by its author (each change audited), carried into the next version, served to the public with the version.
 */
export class AttachmentsService {
  private readonly origin: string;

  constructor(private readonly platform: Platform) {
    this.origin = publicOrigin(platform.config.source);
  }

  /** What a reader sees of a version's file, its public address included. */
  view(itemKey: string, r: AttachmentRow): ContentAttachment {
    return { digest: r.digest, filename: r.filename, mime: r.mime, size: r.size, url: attachmentUrl(this.origin, itemKey, r.digest) };
  }

  async list(contentId: number): Promise<ContentAttachment[]> {
    const row = await contents.byId(this.platform.db, contentId);
    if (!row) throw notFound('发布内容');
    return this.viewsOf(this.platform.db, row);
  }

  /** The files of several versions by version id (a public page). */
  async ofContents(rows: ContentRow[]): Promise<Map<number, ContentAttachment[]>> {
    const byId = new Map(rows.map((r) => [r.id, [] as ContentAttachment[]]));
    const keys = new Map(rows.map((r) => [r.id, r.itemKey]));
    for (const a of await repo.ofContents(
      this.platform.db,
      rows.map((r) => r.id),
    ))
      byId.get(a.contentId)?.push(this.view(keys.get(a.contentId)!, a));
    return byId;
  }

  /** Adds files to a draft (a file it already has is not added twice); checked by content, stored, then recorded. */
  async add(contentId: number, files: UploadedFile[], actor: Actor): Promise<ContentAttachment[]> {
    const before = await contents.byId(this.platform.db, contentId);
    if (!before) throw notFound('发布内容');
    const early = attachmentRefusal(before, actor.userId);
    if (early) throw conflict('BUSINESS_REFUSED', early);
    const checked: (UploadedFile & { mime: AttachmentMime; filename: string })[] = [];
    for (const f of files) checked.push({ ...f, filename: cleanName(f.filename), mime: await this.inspect(f) });
    const stored: ((typeof checked)[number] & { digest: string })[] = [];
    for (const f of checked) stored.push({ ...f, digest: (await this.platform.blobs.put(f.data, { mime: f.mime })).digest });
    return this.platform.db.transaction(async (tx) => {
      const row = await contents.byId(tx, contentId, true);
      if (!row) throw notFound('发布内容');
      const refused = attachmentRefusal(row, actor.userId);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      const known = new Set((await repo.ofContent(tx, contentId)).map((a) => a.digest));
      const fresh = [...new Map(stored.filter((f) => !known.has(f.digest)).map((f) => [f.digest, f])).values()];
      if (known.size + fresh.length > ATTACHMENTS_PER_VERSION)
        throw conflict('BUSINESS_REFUSED', `每个版本最多 ${ATTACHMENTS_PER_VERSION} 个附件，已有 ${known.size} 个`, [
          { field: 'files', message: `最多 ${ATTACHMENTS_PER_VERSION} 个附件` },
        ]);
      await this.platform.blobs.hold(
        tx,
        fresh.map((f) => f.digest),
      );
      const added = await repo.insert(
        tx,
        fresh.map((f) => ({ contentId, digest: f.digest, filename: f.filename, mime: f.mime, size: f.data.length })),
      );
      await audit(tx, actor, {
        action: 'publishing.attachment-add',
        targetType: 'publish-content',
        targetId: contentId,
        details: {
          itemKey: row.itemKey,
          version: row.version,
          files: fresh.filter((f) => added.includes(f.digest)).map((f) => ({ name: f.filename, digest: f.digest, size: f.data.length })),
        },
      });
      return this.viewsOf(tx, row);
    });
  }

  /**
   * Removes a file from a draft; the stored content is erased unless something else still holds it (an earlier
   * version, another module).
   */
  async remove(contentId: number, digest: string, actor: Actor): Promise<ContentAttachment[]> {
    return this.platform.db.transaction(async (tx) => {
      const row = await contents.byId(tx, contentId, true);
      if (!row) throw notFound('发布内容');
      const refused = attachmentRefusal(row, actor.userId);
      if (refused) throw conflict('BUSINESS_REFUSED', refused);
      const removed = await repo.remove(tx, contentId, digest);
      if (!removed) throw notFound('附件');
      await this.platform.blobs.erase(tx, [digest], `publishing: attachment removed from draft ${row.itemKey} v${row.version}`);
      await audit(tx, actor, {
        action: 'publishing.attachment-remove',
        targetType: 'publish-content',
        targetId: contentId,
        details: { itemKey: row.itemKey, version: row.version, name: removed.filename, digest },
      });
      return this.viewsOf(tx, row);
    });
  }

  /** In the drafting transaction: the new version starts with the files of the version it was drafted from. */
  async carryOver(tx: DbOrTx, from: ContentRow, to: ContentRow): Promise<void> {
    const files = await repo.ofContent(tx, from.id);
    if (files.length === 0) return;
    await this.platform.blobs.hold(
      tx,
      files.map((f) => f.digest),
    );
    await repo.copy(tx, from.id, to.id);
  }

  /** A file of any version, for its author and reviewers (the preview). */
  async file(contentId: number, digest: string) {
    return this.read(await repo.one(this.platform.db, contentId, digest));
  }

  /** A file of the version the public sees of an item now; 404 otherwise (draft, withdrawn, replaced). */
  async publicFile(itemKey: string, digest: string) {
    const [current] = await contents.current(this.platform.db, new Date(), { itemKey, limit: 1 });
    return this.read(current && (await repo.one(this.platform.db, current.id, digest)));
  }

  private async read(row: AttachmentRow | undefined) {
    const blob = row && (await this.platform.blobs.get(row.digest));
    if (!row || !blob) throw notFound('附件');
    return { data: blob.data, mime: row.mime, filename: row.filename };
  }

  private async viewsOf(db: DbOrTx, row: ContentRow): Promise<ContentAttachment[]> {
    return (await repo.ofContent(db, row.id)).map((a) => this.view(row.itemKey, a));
  }

  /** Size, type by content (PDF, JPEG, PNG only), an image's pixel count: a refusal names the file. */
  private async inspect(f: UploadedFile): Promise<AttachmentMime> {
    try {
      const { mime } = await inspectContent(f.data, LIMITS);
      if (isAttachmentMime(mime)) return mime;
      throw new ContentRefusal(415, 'FILE_TYPE_UNSUPPORTED', ATTACHMENT_TYPE_CHECK.refuse(f.data)!);
    } catch (err) {
      if (err instanceof ContentRefusal)
        throw new AppError(err.status, err.code, `${cleanName(f.filename)}：${err.message}`, [{ field: 'files', message: err.message }]);
      throw err;
    }
  }
}
