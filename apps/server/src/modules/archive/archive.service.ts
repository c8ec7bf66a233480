import { type AddPageBody, type AttachPageBody, type CatalogueRow, defaultRequirements, type StatsGrouping, type WarningScanStatus } from '@shtp/core/archive';
import { EBIKE_BUSINESS_TYPES, OWNER_TYPES } from '@shtp/core/ebike';
import type { ApiErrorCode } from '@shtp/core/platform';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import { ContentRefusal, inspectContent } from '../../platform/blobs/blob-content.ts';
import { AppError, badRequest, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ServiceCaller } from '../../platform/service-accounts/service-caller.ts';
import type { ModuleApis } from '../app-module.ts';
import type { LedgerBusiness } from '../ebike/ebike.api.ts';
import type { RecognitionApi } from '../recognition/recognition.api.ts';
import { renditionJob, unopenedScanJob } from './archive.jobs.ts';
import { archiveParams } from './archive.params.ts';
import { type ArchiveFilters, type ArchiveRow, archiveRepository as repo } from './archive.repository.ts';
import { archiveView } from './archive.view.ts';
import { ARCHIVE_SIGNED_TYPE, signedPageList } from './archive-signature.ts';
import { completeness, reasonRefusal, withCompleteness } from './completeness.policy.ts';
import { type DisposalStep, disposalRefusal, disposalSteps, retainUntil } from './disposal.policy.ts';
import { proposeDocType } from './doc-type-proposal.policy.ts';
import { pageCheckRefusal } from './page-check.policy.ts';
import { measurePage } from './page-measure.ts';
import { PdfRefusal, renderPdfFirstPage, renderPdfPages } from './pdf-pages.ts';
import { businessReachRefusal, serviceReachRefusal } from './reach.policy.ts';
import { searchWorkbookStream } from './search-export.ts';
import { statsWorkbookStream } from './stats-export.ts';
import { warningScanView } from './warning-scan.view.ts';
import { watermark } from './watermark.ts';

const NOT_FOUND = '影像档案';
/** The rollup's officer of pages attached by registration systems (no user): shown as 接入应用. */
export const SERVICE_OFFICER_ID = 0;

/** A registration system attaching pages: its service account (A8), or the demo's migration of paper files. */
type AttachingApp = Pick<ServiceCaller, 'appId' | 'name' | 'department'>;

/** Who files pages: an officer, or a registration system signed in as a service account (A8). */
interface Capturer {
  userId: number | null;
  appId: string | null;
  name: string;
  departmentId: number;
}
const officerOf = (p: Principal): Capturer => ({ userId: p.user.id, appId: null, name: p.user.displayName, departmentId: p.department.id });
const appOf = (c: AttachingApp): Capturer => ({ userId: null, appId: c.appId, name: `接入应用：${c.name}`, departmentId: c.department.id });

interface FiledImage {
  digest: string;
  mime: string;
  width: number | null;
  height: number | null;
}
interface Filing {
  docType: string;
  source: string;
  reason: string | undefined;
  replacesPageId: number | undefined;
  /** The content as received (a PDF's pages are rendered from it), for the audit. */
  digest: string;
  /** What recognition proposed, when the officer was asked (audited beside the type filed). */
  proposedDocType?: string | undefined;
}
/** JPEG quality of a PDF page kept as an archive page (the master: the renditions are made from it). */
const PDF_PAGE_QUALITY = 90;
const WATERMARK_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};

/** The archive's use cases (A1, A3–A8): one transaction per change, audited in it. */
export class ArchiveService {
  constructor(
    private readonly platform: Platform,
    /** Recognition is asked per call and may be absent (not mounted in this zone): then nothing is proposed. */
    private readonly apis: () => Pick<ModuleApis, 'ebike'> & { recognition?: RecognitionApi | undefined },
  ) {}

  private get db() {
    return this.platform.db;
  }

  /** On a new database: the default catalogue (then the administrator's). */
  async ensureCatalogue(): Promise<void> {
    if (!(await repo.catalogueEmpty(this.db))) return;
    const rows: CatalogueRow[] = [];
    for (const businessType of Object.keys(EBIKE_BUSINESS_TYPES))
      for (const ownerType of Object.keys(OWNER_TYPES) as ('1' | '2')[])
        for (const applicant of ['self', 'agent'] as const)
          for (const r of defaultRequirements(businessType, applicant)) rows.push({ businessType, ownerType, applicant, ...r });
    await this.db.transaction((tx) => repo.replaceCatalogue(tx, rows));
  }

  catalogue = () => repo.catalogue(this.db);

  async saveCatalogue(rows: CatalogueRow[], actor: Actor) {
    await this.db.transaction(async (tx) => {
      await repo.replaceCatalogue(tx, rows);
      await audit(tx, actor, { action: 'archive.catalogue.update', targetType: 'archive-catalogue', details: { rows: rows.length } });
    });
    return this.catalogue();
  }

  /** Opens (or finds) the archive of a business of the ledger (A8). */
  async open(lsh: string, principal: Principal, actor: Actor): Promise<ArchiveRow> {
    const known = await repo.byLsh(this.db, lsh);
    if (known) return this.reachable(known.id, principal);
    const b = await this.apis().ebike.business(lsh);
    if (!b) throw new AppError(404, 'ARCHIVE_NO_BUSINESS', `流水号 ${lsh} 对应的登记业务不存在或无权访问`);
    const refused = businessReachRefusal(principal, b);
    if (refused) {
      await audit(this.db, actor, { action: 'archive.open', result: 'failure', errorCode: 'NOT_FOUND', targetType: 'archive', targetId: lsh, reason: refused });
      throw new AppError(404, 'ARCHIVE_NO_BUSINESS', `流水号 ${lsh} 对应的登记业务不存在或无权访问`);
    }
    return this.create(b, actor);
  }

  /** The archive of a ledger business, with what is missing by the catalogue (A3, A8); a concurrent open finds the first. */
  private async create(b: LedgerBusiness, actor: Actor): Promise<ArchiveRow> {
    const applicant = b.withAgent ? 'agent' : 'self';
    return this.db.transaction(async (tx) => {
      const required = await repo.requirementsFor(tx, b.type, b.ownerType, applicant);
      const { missing } = completeness(required, []);
      const { archive, created } = await repo.insertArchive(tx, {
        businessId: b.id,
        lsh: b.lsh,
        vehicleId: b.vehicleId,
        businessType: b.type,
        ownerType: b.ownerType,
        applicant,
        plate: b.plate,
        zcbm: b.zcbm,
        ownerIdIdx: b.ownerIdIdx,
        departmentId: b.departmentId,
        securityLabel: b.securityLabel,
        acceptedAt: b.acceptedAt,
        missing: JSON.stringify(missing),
      });
      if (!created) return archive;
      await repo.bumpCompleteness(tx, archive, 1, 0);
      await repo.clearUnopened(tx, b.id);
      await audit(tx, actor, { action: 'archive.open', targetType: 'archive', targetId: b.lsh });
      return archive;
    });
  }

  private async reachable(id: number, principal: Principal): Promise<ArchiveRow> {
    const archive = await repo.byId(this.db, id, principal);
    if (!archive) throw notFound(NOT_FOUND);
    return archive;
  }

  /**
   * Adds (or replaces) pages from a finished upload (A3, A5): an image is one page, a PDF one page per PDF page;
   * checked, ordered, signed, counted, rendered by a job.
   */
  async addPage(archiveId: number, body: AddPageBody, principal: Principal, actor: Actor) {
    const archive = await this.reachable(archiveId, principal);
    const reasonRefused = reasonRefusal(archive, body);
    if (reasonRefused) throw badRequest('ARCHIVE_REASON_REQUIRED', reasonRefused, [{ field: 'reason', message: reasonRefused }]);
    const blob = await this.platform.blobs.claimUpload(body.uploadId, principal.user.id);
    if (!blob) throw badRequest('ARCHIVE_UPLOAD_UNKNOWN', '上传不存在、未完成或不属于当前用户，请重新上传', [{ field: 'uploadId', message: '请重新上传' }]);
    const images = await this.checkedImages(archive.lsh, blob, body.acceptDoubtful ?? false, actor);
    if (body.replacesPageId && images.length > 1) {
      throw badRequest('ARCHIVE_REPLACE_ONE_PAGE', `替换一页只能上传单页文件（该 PDF 有 ${images.length} 页）`, [
        { field: 'uploadId', message: '请上传单页文件' },
      ]);
    }
    const filing = {
      docType: body.docType,
      source: body.source,
      reason: body.reason,
      replacesPageId: body.replacesPageId,
      digest: blob.digest,
      proposedDocType: body.proposedDocType,
    };
    return this.file(archive.id, images, filing, officerOf(principal), actor);
  }

  /**
   * A3: the document type recognition sees in a finished upload (an image, or a PDF's first page: all its pages are filed
   * as one document), proposed to the officer who confirms it or keeps their own choice. Recognition that is absent,
   * busy or unsure, or a PDF that cannot be read (its filing then refuses it with the reason), proposes nothing.
   */
  async classifyUpload(archiveId: number, uploadId: string, principal: Principal, actor: Actor) {
    const archive = await this.reachable(archiveId, principal);
    const blob = await this.platform.blobs.claimUpload(uploadId, principal.user.id);
    if (!blob) throw badRequest('ARCHIVE_UPLOAD_UNKNOWN', '上传不存在、未完成或不属于当前用户，请重新上传', [{ field: 'uploadId', message: '请重新上传' }]);
    const none = { docType: null, recognised: null, confidence: null, pdfPages: null };
    const recognition = this.apis().recognition;
    if (!recognition) return none;
    const image = await this.classifiable((await this.platform.blobs.get(blob.digest))!.data, blob.mime);
    if (!image) return none;
    const minConfidence = (await this.platform.params.get(archiveParams.classifyMinConfidence)) / 100;
    try {
      const r = await recognition.classifyDocument(image.data, actor);
      const missing = JSON.parse(archive.missing) as { docType: string }[];
      const docType = proposeDocType(r, minConfidence, { applicant: archive.applicant, missing });
      return { docType, recognised: r.label, confidence: Math.round(r.confidence * 100), pdfPages: image.pdfPages };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return none; // busy, unavailable or the image refused: capture goes on
    }
  }

  /** What recognition reads of an upload: an image as it is, a PDF's first page rendered (null if it cannot be read). */
  private async classifiable(data: Buffer, mime: string): Promise<{ data: Buffer; pdfPages: number | null } | null> {
    if (mime !== 'application/pdf') return mime.startsWith('image/') ? { data, pdfPages: null } : null;
    const p = this.platform.params;
    const options = { dpi: await p.get(archiveParams.pdfDpi), maxPages: await p.get(archiveParams.pdfMaxPages), quality: PDF_PAGE_QUALITY };
    try {
      const first = await renderPdfFirstPage(data, options);
      return { data: first.page, pdfPages: first.count };
    } catch (err) {
      if (err instanceof PdfRefusal) return null;
      throw err;
    }
  }

  /**
   * A8: a page sent whole (base64) by another registration system signed as a service account, or by an officer, to
   * the archive of a ledger business by its 流水号; the archive is opened if need be. The same content for the same
   * document again is answered with the pages already filed (a retried delivery changes nothing).
   */
  async attach(body: AttachPageBody, by: { principal: Principal } | { caller: AttachingApp }, actor: Actor) {
    const b = await this.apis().ebike.business(body.lsh);
    const refused = b && ('principal' in by ? businessReachRefusal(by.principal, b) : serviceReachRefusal(by.caller, b));
    if (!b || refused) {
      if (refused)
        await audit(this.db, actor, {
          action: 'archive.page.add',
          result: 'failure',
          errorCode: 'NOT_FOUND',
          targetType: 'archive',
          targetId: body.lsh,
          reason: refused,
        });
      throw new AppError(404, 'ARCHIVE_NO_BUSINESS', `流水号 ${body.lsh} 对应的登记业务不存在或无权访问`);
    }
    const data = Buffer.from(body.content, 'base64');
    const maxPixels = (await this.platform.params.get(this.platform.blobParams.maxMegapixels)) * 1_000_000;
    const maxBytes = (await this.platform.params.get(this.platform.blobParams.maxUploadMegabytes)) * 1024 * 1024;
    const seen = await inspectContent(data, { maxBytes, maxPixels }).catch((err: unknown) => {
      if (!(err instanceof ContentRefusal)) throw err;
      throw new AppError(err.status, err.code, err.message, [{ field: 'content', message: err.message }]);
    });
    const blob = await this.platform.blobs.put(data, { mime: seen.mime });
    const images = await this.checkedImages(b.lsh, blob, false, actor);
    const archive = (await repo.byLsh(this.db, b.lsh)) ?? (await this.create(b, actor));
    const current = await repo.currentPages(this.db, archive.id);
    const filed = images.map((i) => current.find((p) => p.docType === body.docType && p.digest === i.digest));
    if (filed.every((p) => p !== undefined)) {
      return {
        archiveId: archive.id,
        lsh: b.lsh,
        duplicate: true,
        pageId: filed[0]!.id,
        pages: filed.length,
        version: archive.version,
        complete: archive.complete,
      };
    }
    const reasonRefused = reasonRefusal(archive, body);
    if (reasonRefused) throw badRequest('ARCHIVE_REASON_REQUIRED', reasonRefused, [{ field: 'reason', message: reasonRefused }]);
    const capturer = 'principal' in by ? officerOf(by.principal) : appOf(by.caller);
    const filing = { docType: body.docType, source: 'system', reason: body.reason, replacesPageId: undefined, digest: blob.digest };
    const result = await this.file(archive.id, images, filing, capturer, actor);
    return {
      archiveId: archive.id,
      lsh: b.lsh,
      duplicate: false,
      pageId: result.pageId,
      pages: result.pages,
      version: result.version,
      complete: result.complete,
    };
  }

  /** Files checked pages into an archive in one transaction: a new version, completeness, signature, rollup, audit. */
  private file(archiveId: number, images: FiledImage[], filing: Filing, capturer: Capturer, actor: Actor) {
    return this.db.transaction(async (tx) => {
      const locked = (await repo.byId(tx, archiveId, null, true))!;
      // After the archive's row lock, as a disposal takes them (row, then digests): the two never wait crosswise.
      await this.platform.blobs.hold(tx, [filing.digest, ...images.map((i) => i.digest)]);
      const version = locked.version + 1;
      const current = await repo.currentPages(tx, archiveId);
      let seq = (current.at(-1)?.seq ?? 0) + 1;
      if (filing.replacesPageId) {
        const old = current.find((p) => p.id === filing.replacesPageId);
        if (!old) throw badRequest('VALIDATION_FAILED', '要替换的页面不存在或已被替换', [{ field: 'replacesPageId', message: '页面不存在或已被替换' }]);
        await repo.removePage(tx, old.id, version);
        seq = old.seq;
      }
      const pageIds: number[] = [];
      for (const image of images) {
        const page = await repo.insertPage(tx, {
          archiveId,
          docType: filing.docType,
          seq: seq++,
          ...image,
          originalDigest: image.digest === filing.digest ? null : filing.digest,
          source: filing.source,
          reason: filing.reason?.trim() || null,
          addedInVersion: version,
          replacesPageId: filing.replacesPageId ?? null,
          capturedBy: capturer.userId,
          capturedByApp: capturer.appId,
          capturedByName: capturer.name,
        });
        pageIds.push(page.id);
        await this.platform.jobs.enqueue(tx, renditionJob, { pageId: page.id });
      }
      const pages = await repo.currentPages(tx, archiveId);
      const required = await repo.requirementsFor(tx, locked.businessType, locked.ownerType, locked.applicant);
      const state = completeness(required, pages);
      const becameComplete = state.complete && !locked.complete;
      const signed = this.platform.signer.sign(ARCHIVE_SIGNED_TYPE, locked.lsh, signedPageList({ lsh: locked.lsh, version }, pages));
      const completedAt = becameComplete ? new Date() : state.complete ? locked.completedAt : null;
      await repo.updateArchive(tx, archiveId, {
        version,
        complete: state.complete,
        completedAt,
        missing: JSON.stringify(state.missing),
        signature: signed.signature,
        signKeyVersion: signed.keyVersion,
      });
      if (state.complete !== locked.complete) await repo.bumpCompleteness(tx, locked, 0, state.complete ? 1 : -1);
      await repo.bumpStats(tx, {
        departmentId: capturer.departmentId,
        officerId: capturer.userId ?? SERVICE_OFFICER_ID,
        pages: images.length,
        completed: becameComplete ? 1 : 0,
        delaySeconds: becameComplete ? Math.max(0, Math.round((Date.now() - locked.acceptedAt.getTime()) / 1000)) : 0,
      });
      await audit(tx, actor, {
        action: filing.replacesPageId ? 'archive.page.replace' : locked.complete ? 'archive.page.supplement' : 'archive.page.add',
        targetType: 'archive',
        targetId: locked.lsh,
        reason: filing.reason,
        details: {
          pageIds,
          docType: filing.docType,
          version,
          source: filing.source,
          digest: filing.digest,
          ...(filing.proposedDocType && { proposedDocType: filing.proposedDocType }),
        },
      });
      return { pageId: pageIds[0]!, pages: pageIds.length, version, complete: state.complete, missing: state.missing };
    });
  }

  /**
   * The upload as checked pages: an image as it is; a PDF rendered page by page into JPEG pages put in the store (its
   * original stays there too, named in the audit). Every page passes the blank and blur checks, or the whole is refused.
   */
  private async checkedImages(lsh: string, blob: { digest: string; mime: string }, acceptDoubtful: boolean, actor: Actor): Promise<FiledImage[]> {
    const p = this.platform.params;
    const data = (await this.platform.blobs.get(blob.digest))!.data;
    let pages = [data];
    if (blob.mime === 'application/pdf') {
      const options = { dpi: await p.get(archiveParams.pdfDpi), maxPages: await p.get(archiveParams.pdfMaxPages), quality: PDF_PAGE_QUALITY };
      pages = await renderPdfPages(data, options).catch((err: unknown) => {
        if (err instanceof PdfRefusal) return this.refuse(lsh, actor, err.code, err.message);
        throw err;
      });
    }
    const thresholds = { blankStdev: await p.get(archiveParams.blankStdev), blurVariance: await p.get(archiveParams.blurVariance) };
    const checked: { data: Buffer; width: number; height: number }[] = [];
    for (const [i, page] of pages.entries()) {
      const measures = await measurePage(page);
      const refused = pageCheckRefusal(measures, thresholds, acceptDoubtful);
      if (refused) await this.refuse(lsh, actor, refused.code, pages.length > 1 ? `第 ${i + 1} 页：${refused.message}` : refused.message);
      checked.push({ data: page, width: measures.width, height: measures.height });
    }
    if (blob.mime !== 'application/pdf') return [{ digest: blob.digest, mime: blob.mime, width: checked[0]!.width, height: checked[0]!.height }];
    const stored = [];
    for (const page of checked) {
      const ref = await this.platform.blobs.put(page.data, { mime: 'image/jpeg' });
      stored.push({ digest: ref.digest, mime: ref.mime, width: page.width, height: page.height });
    }
    return stored;
  }

  /** A refused capture: audited as a failure, answered 422 with the reason. */
  private async refuse(lsh: string, actor: Actor, code: ApiErrorCode, message: string): Promise<never> {
    await audit(this.db, actor, { action: 'archive.page.add', result: 'failure', errorCode: code, targetType: 'archive', targetId: lsh, reason: message });
    throw new AppError(422, code, message, [{ field: 'uploadId', message }]);
  }

  /** Puts the current pages in a new order (A5): a new version, signed again; the old order is in the audit. */
  async reorder(id: number, pageIds: number[], reason: string, principal: Principal, actor: Actor) {
    const archive = await this.reachable(id, principal);
    return this.db.transaction(async (tx) => {
      const locked = (await repo.byId(tx, archive.id, null, true))!;
      const before = (await repo.currentPages(tx, archive.id)).map((p) => p.id);
      const same = pageIds.length === before.length && new Set(pageIds).size === pageIds.length && pageIds.every((p) => before.includes(p));
      if (!same) {
        const message = '页序须包含档案当前的全部页面，每页一次（页面可能已被他人修改，请刷新后重试）';
        throw badRequest('ARCHIVE_ORDER_MISMATCH', message, [{ field: 'pageIds', message }]);
      }
      const version = locked.version + 1;
      for (const [i, pageId] of pageIds.entries()) await repo.setSeq(tx, pageId, i + 1);
      const pages = await repo.currentPages(tx, archive.id);
      const signed = this.platform.signer.sign(ARCHIVE_SIGNED_TYPE, locked.lsh, signedPageList({ lsh: locked.lsh, version }, pages));
      await repo.updateArchive(tx, archive.id, { version, signature: signed.signature, signKeyVersion: signed.keyVersion });
      await audit(tx, actor, {
        action: 'archive.page.reorder',
        targetType: 'archive',
        targetId: locked.lsh,
        reason,
        details: { version, before, after: pageIds },
      });
      return { version };
    });
  }

  /** An archive with all its pages (current and replaced), its completeness and whether its signature holds (A4, A5). */
  async detail(id: number, principal: Principal, actor: Actor) {
    const archive = await this.reachable(id, principal);
    const pages = await repo.pages(this.db, id);
    const current = pages.filter((p) => p.removedInVersion === null);
    const signatureValid =
      archive.signature && archive.signKeyVersion !== null
        ? await this.platform.signer.verify(ARCHIVE_SIGNED_TYPE, archive.lsh, signedPageList(archive, current), archive.signature, archive.signKeyVersion)
        : null;
    await audit(this.db, actor, { action: 'archive.view', targetType: 'archive', targetId: archive.lsh });
    const years = await this.platform.params.get(archiveParams.retentionYears);
    return { archive, pages, signatureValid, retainUntil: retainUntil(archive.acceptedAt, years) };
  }

  /** Sets or releases the legal hold (法律保全) of an archive, with who, when and why; audited. */
  async setLegalHold(id: number, hold: boolean, reason: string, principal: Principal, actor: Actor) {
    const archive = await this.reachable(id, principal);
    return this.db.transaction(async (tx) => {
      const held = hold
        ? { legalHold: true, legalHoldReason: reason, legalHoldBy: principal.user.displayName, legalHoldAt: new Date() }
        : { legalHold: false, legalHoldReason: null, legalHoldBy: null, legalHoldAt: null };
      await repo.updateArchive(tx, id, held);
      await audit(tx, actor, { action: hold ? 'archive.hold.set' : 'archive.hold.release', targetType: 'archive', targetId: archive.lsh, reason });
      return { ...archive, ...held };
    });
  }

  /** A5: the archives past their retention period (no legal hold), with the disposal steps the person may take. */
  async dueForDisposal(principal: Principal) {
    const years = await this.platform.params.get(archiveParams.retentionYears);
    const items = await repo.dueForDisposal(this.db, years, principal);
    return { years, items: items.map((a) => ({ archive: a, steps: disposalSteps(a, principal.user.id, years) })) };
  }

  /**
   * A5: one step of the disposal of an archive past its retention period: asked for with a reason, then approved or
   * rejected by another person with a reason. Checked again in the transaction (a legal hold set meanwhile stops it);
   * an approved archive keeps its record and page list; its images are erased in the same transaction (their objects
   * deleted by the store's job) unless other archives or modules hold the same content. Every step audited.
   */
  async disposalStep(id: number, step: DisposalStep, reason: string, principal: Principal, actor: Actor) {
    const archive = await this.reachable(id, principal);
    const years = await this.platform.params.get(archiveParams.retentionYears);
    return this.db.transaction(async (tx) => {
      const locked = (await repo.byId(tx, archive.id, null, true))!;
      const refused = disposalRefusal(locked, step, principal.user.id, years);
      if (refused) throw new AppError(409, 'ARCHIVE_DISPOSAL_REFUSED', refused);
      const now = new Date();
      const by = { id: principal.user.id, name: principal.user.displayName };
      const values =
        step === 'request'
          ? { disposalReason: reason, disposalRequestedBy: by.id, disposalRequestedByName: by.name, disposalRequestedAt: now }
          : step === 'approve'
            ? { disposedBy: by.id, disposedByName: by.name, disposedAt: now }
            : { disposalReason: null, disposalRequestedBy: null, disposalRequestedByName: null, disposalRequestedAt: null };
      await repo.updateArchive(tx, archive.id, values);
      // Approved: its images are erased with the record, except content another archive or module still holds.
      const images = step === 'approve' ? await this.platform.blobs.erase(tx, await repo.contentOf(tx, archive.id), `archive.disposal:${locked.lsh}`) : null;
      await audit(tx, actor, {
        action: `archive.disposal.${step}`,
        targetType: 'archive',
        targetId: locked.lsh,
        reason,
        ...(step !== 'request' && {
          details: {
            requestedBy: locked.disposalRequestedByName,
            requestReason: locked.disposalReason,
            ...(images && { erasedImages: images.erased.length, sharedImagesKept: images.kept.length }),
          },
        }),
      });
      return { archive: { ...locked, ...values }, imagesErased: images?.erased.length ?? 0, imagesKept: images?.kept.length ?? 0 };
    });
  }

  /** One page as an image with the viewer's watermark; every view and download audited (A1, A4). */
  async image(pageId: number, size: 'thumb' | 'display' | 'original', principal: Principal, actor: Actor, use: 'view' | 'download') {
    const page = await repo.page(this.db, pageId);
    const archive = page && (await repo.byId(this.db, page.archiveId, principal));
    if (!page || !archive) throw notFound('页面');
    if (archive.disposedAt) throw new AppError(410, 'ARCHIVE_DISPOSED', '档案已到期处置，影像不再提供');
    const digest = size === 'thumb' ? (page.thumbDigest ?? page.digest) : size === 'display' ? (page.displayDigest ?? page.digest) : page.digest;
    const blob = await this.platform.blobs.get(digest);
    if (!blob) throw notFound('页面');
    if (size !== 'thumb') {
      await audit(this.db, actor, { action: `archive.page.${use}`, targetType: 'archive', targetId: archive.lsh, details: { pageId, size } });
    }
    if (blob.mime === 'application/pdf') return { data: blob.data, mime: blob.mime };
    // To the minute: the audit has the exact time, and a strip of thumbnails then shares one rendered overlay.
    const mark = `${principal.user.displayName} ${principal.user.policeNo ?? principal.user.username} ${new Date().toLocaleString('zh-CN', WATERMARK_TIME)}`;
    return { data: await watermark(blob.data, mark), mime: 'image/jpeg' };
  }

  async print(id: number, principal: Principal, actor: Actor) {
    const archive = await this.reachable(id, principal);
    await audit(this.db, actor, { action: 'archive.print', targetType: 'archive', targetId: archive.lsh });
  }

  async search(filters: Omit<ArchiveFilters, 'ownerIdIdx'> & { ownerId?: string | undefined }, principal: Principal, page: number, pageSize: number) {
    const { ownerId, ...rest } = filters;
    const ownerIdIdx = ownerId ? await this.apis().ebike.ownerIdIndex(ownerId) : undefined;
    return repo.search(this.db, { ...rest, ownerIdIdx }, principal, page, pageSize);
  }

  /** A4: the search's archives as an Excel workbook, masked as the list; audited with the filters used (names only). */
  async searchExport(filters: Omit<ArchiveFilters, 'ownerIdIdx'> & { ownerId?: string | undefined }, principal: Principal, actor: Actor) {
    const { ownerId, ...rest } = filters;
    const ownerIdIdx = ownerId ? await this.apis().ebike.ownerIdIndex(ownerId) : undefined;
    const keys = Object.keys(filters).filter((k) => filters[k as keyof typeof filters] !== undefined);
    await audit(this.db, actor, { action: 'archive.search.export', targetType: 'archive', details: { keys } });
    return searchWorkbookStream(repo.searchRows(this.db, { ...rest, ownerIdIdx }, principal), archiveView);
  }

  async warnings(principal: Principal) {
    const hours = await this.platform.params.get(archiveParams.warnAfterHours);
    const [incomplete, unopened] = await Promise.all([repo.warnings(this.db, hours, principal), repo.unopened(this.db, hours, principal)]);
    return { hours, ...incomplete, unopened };
  }

  warningDigests = (days: number, principal: Principal) => repo.warningDigests(this.db, days, principal);

  /**
   * A6: runs the hourly never-opened scan now (a supervisor who does not want to wait for :15). Clicks within the same
   * minute start one job; its result shows on the warnings page and in the supervisors' notifications.
   */
  async scanUnopenedNow(actor: Actor): Promise<WarningScanStatus> {
    const minute = new Date().toISOString().slice(0, 16);
    return this.db.transaction(async (tx) => {
      const job = await this.platform.jobs.enqueue(tx, unopenedScanJob, {}, { idempotencyKey: `manual:${minute}`, maxAttempts: 1 });
      await audit(tx, actor, { action: 'archive.warnings.scan', targetType: 'job', targetId: String(job.id) });
      return warningScanView(job, null);
    });
  }

  /** A6: the state of a never-opened scan (立即检查 follows the one it queued); once done, how many it left in the caller's scope. */
  async scanState(jobId: number, principal: Principal): Promise<WarningScanStatus> {
    const job = await this.platform.jobs.find(jobId);
    if (!job || job.queue !== unopenedScanJob.queue) throw notFound('检查任务');
    const hours = job.state === 'succeeded' ? await this.platform.params.get(archiveParams.warnAfterHours) : null;
    return warningScanView(job, hours === null ? null : await repo.unopenedCount(this.db, hours, principal));
  }

  /**
   * A7 from the rollups: the workload, and per department or day the archives opened and how many are complete now.
   * The rollups may lag: read through `platform.reports` (the replica when one is configured).
   */
  async stats(from: string, to: string, by: StatsGrouping, principal: Principal) {
    const reports = this.platform.reports;
    const work = await repo.stats(reports, from, to, by, principal);
    if (by === 'officer') return work.map((w) => ({ ...w, opened: null, completeNow: null, completenessRate: null }));
    return withCompleteness(work, await repo.completenessStats(reports, from, to, by, principal));
  }

  /** The rollups (workload per day, department and officer; completeness per day and department) as a streamed workbook; audited. */
  async statsExport(from: string, to: string, principal: Principal, actor: Actor) {
    await audit(this.db, actor, { action: 'archive.stats.export', targetType: 'archive-stats', details: { from, to } });
    return statsWorkbookStream(repo.statsRows(this.platform.reports, from, to, principal), repo.completenessRows(this.platform.reports, from, to, principal));
  }

  byVehicle = (vehicleId: number, principal: Principal) => repo.byVehicle(this.db, vehicleId, principal);
}
