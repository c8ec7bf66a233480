import { randomBytes } from 'node:crypto';
import type { PreregistrationInput, PreregistrationPhoto, PreregistrationPhotoKind, PreregistrationStatus } from '@shtp/core/ebike';
import { maskPlate } from '@shtp/core/masking';
import { HUB_SERVICE_CODES } from '@shtp/core/publishing';
import { assertedCitizen, type CitizenClaim } from '../../integrations/ssb-identity/asserted-citizen.ts';
import type { SsbIdentityPort } from '../../integrations/ssb-identity/ssb-identity.port.ts';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { ContentRefusal, inspectContent, SNIFF_BYTES, sniffMime } from '../../platform/blobs/blob-content.ts';
import { blobParams } from '../../platform/blobs/blobs.params.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.ts';
import type { UploadedFile } from '../../platform/http/multipart.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import type { PublishingApi } from '../publishing/publishing.api.ts';
import { appointmentsParams } from './appointments.params.ts';
import { stationsOf } from './booking.policy.ts';
import { type PreregistrationRow, preregistrationsRepository as repo } from './preregistrations.repository.ts';

export const PREREG_ID_INDEX = 'preregistration-id-number';
export const PREREG_ID_CONTEXT = 'appointment_preregistrations.id_number_enc';
export const PREREG_NAME_CONTEXT = 'appointment_preregistrations.name_enc';
export const PREREG_PHONE_CONTEXT = 'appointment_preregistrations.phone_enc';

/** What the window decided, as it crossed back on `registration-status`. */
export interface PreregistrationDecisionView {
  status: PreregistrationStatus;
  reason: string | null;
  decidedAt: string | null;
  /** 已登记: the 流水号 of the window's 注册登记. */
  lsh: string | null;
}

/** The upload's magic-byte check (`readMultipart` `typeCheck`): a photo is JPEG or PNG, whatever its name says. */
export const PHOTO_TYPE_CHECK = {
  headBytes: SNIFF_BYTES,
  refuse: (head: Buffer) => (isPhotoMime(sniffMime(head)) ? null : '照片须为 JPEG 或 PNG 图片（按文件内容识别，不看扩展名）'),
};
const isPhotoMime = (mime: string | null): mime is PreregistrationPhoto['mime'] => mime === 'image/jpeg' || mime === 'image/png';

/** A pre-registration as the citizen's partner sees it: the vehicle's items (the wished plate masked) and the window's decision. */
export const preregistrationView = (p: PreregistrationRow, d: PreregistrationDecisionView) => ({
  preregNo: p.preregNo,
  departmentCode: p.departmentCode,
  station: p.station,
  zcbm: p.zcbm,
  plateWanted: maskPlate(p.plateWanted),
  brand: p.brand,
  model: p.model,
  submittedAt: p.createdAt.toISOString(),
  photos: p.photos.map(({ kind, mime, size, uploadedAt }) => ({ kind, mime, size, uploadedAt })),
  ...d,
});

/**
 * 网上预登记 (internet zone, G13 `registrations`): a partner files its 随申办 citizen's e-bike registration for a
 * station's window. The row and its crossing (channel `registrations`, in clear for the window, which registers the
 * owner; nothing the channel names no rule for leaves) are one transaction; a repeat for the same citizen and
 * vehicle answers with the one held.
 */
export class PreregistrationsService {
  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
    private readonly identities: SsbIdentityPort,
    private readonly hub: () => PublishingApi,
  ) {}

  /** The parameters (the photo route reads its size limit before the upload). */
  get params() {
    return this.platform.params;
  }

  async submit(req: PreregistrationInput & CitizenClaim, actor: Actor): Promise<{ preregistration: PreregistrationRow; repeated: boolean }> {
    const { params, fields } = this.platform;
    const openid = this.citizen(req);
    const stations = stationsOf(await params.get(appointmentsParams.stations));
    if (!stations.some((s) => s.departmentCode === req.departmentCode && s.name === req.station))
      throw badRequest('VALIDATION_FAILED', '该站点不受理网上预登记', [{ field: 'station', message: '该站点不受理网上预登记' }]);
    const idNumberIdx = await fields.blindIndex(req.idNumber, PREREG_ID_INDEX);
    const held = await repo.ofCitizenVehicle(this.platform.db, idNumberIdx, req.zcbm);
    if (held) return { preregistration: held, repeated: true };
    const row = {
      preregNo: `YD${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(5).toString('hex').toUpperCase()}`,
      departmentCode: req.departmentCode,
      station: req.station,
      openid,
      idNumberIdx,
      idNumberEnc: await fields.encrypt(req.idNumber, PREREG_ID_CONTEXT),
      nameEnc: await fields.encrypt(req.name, PREREG_NAME_CONTEXT),
      phoneEnc: await fields.encrypt(req.mobile, PREREG_PHONE_CONTEXT),
      zcbm: req.zcbm,
      plateWanted: req.plateWanted ?? null,
      brand: req.brand,
      model: req.model,
      invoiceNo: req.invoiceNo,
    };
    const inserted = await this.platform.db.transaction(async (tx) => {
      const p = await repo.insertNew(tx, row);
      if (!p) return undefined;
      await this.send(tx, p, req);
      // G4: the citizen's 我的办件 shows it submitted (the window's decision follows from the police zone).
      await this.hub().caseStatus(tx, {
        serviceCode: HUB_SERVICE_CODES.preregistration,
        businessNo: p.preregNo,
        status: 'submitted',
        at: p.createdAt,
        userId: p.openid || null,
        summary: p.station,
      });
      await audit(tx, actor, { action: 'appointments.preregister', targetType: 'preregistration', targetId: p.preregNo, details: { station: p.station } });
      return p;
    });
    // Two submissions at once: the one that lost the insert answers with the winner's.
    if (inserted) return { preregistration: inserted, repeated: false };
    const winner = await repo.ofCitizenVehicle(this.platform.db, idNumberIdx, req.zcbm);
    if (!winner) throw new Error('pre-registration neither inserted nor found');
    return { preregistration: winner, repeated: true };
  }

  /** The pre-registration and the window's decision; only the citizen who filed it (openid or the hub's assertion) learns anything. */
  async show(preregNo: string, claim: CitizenClaim): Promise<{ preregistration: PreregistrationRow; decision: PreregistrationDecisionView }> {
    const openid = assertedCitizen(this.identities, claim)?.openid ?? claim.openid;
    const p = await repo.byNo(this.platform.db, preregNo);
    if (!p || p.openid !== openid) throw notFound('预登记');
    const d = await this.exchange().received('registration-status', preregNo);
    const decision: PreregistrationDecisionView = d
      ? {
          status: d.status as PreregistrationStatus,
          reason: (d.reason as string | null) ?? null,
          decidedAt: String(d.decidedAt),
          lsh: (d.lsh as string | undefined) ?? null,
        }
      : { status: 'submitted', reason: null, decidedAt: null, lsh: null };
    return { preregistration: p, decision };
  }

  /**
   * A photo of the citizen's pre-registration (one per kind; a new one of a kind replaces the old): checked by its
   * content (JPEG or PNG, size, pixels), stored in the blob store, and the pre-registration crosses again as a new
   * version carrying it. Only while the window has not decided; the same photo again changes nothing (idempotent).
   */
  async addPhoto(
    preregNo: string,
    claim: CitizenClaim,
    kind: PreregistrationPhotoKind,
    file: UploadedFile,
    actor: Actor,
  ): Promise<{ preregistration: PreregistrationRow; decision: PreregistrationDecisionView }> {
    const { preregistration, decision } = await this.show(preregNo, claim);
    if (decision.status !== 'submitted') throw conflict('PREREGISTRATION_DECIDED', '该预登记已由登记窗口处理，不能再上传照片');
    const mime = await this.inspectPhoto(file.data);
    const stored = await this.platform.blobs.put(file.data, { mime });
    const row = await this.platform.db.transaction(async (tx) => {
      const p = await repo.lockByNo(tx, preregistration.preregNo);
      if (!p) throw notFound('预登记');
      if (p.photos.some((ph) => ph.kind === kind && ph.digest === stored.digest)) return p;
      await this.platform.blobs.hold(tx, [stored.digest]);
      const photo: PreregistrationPhoto = { kind, digest: stored.digest, mime, size: stored.size, uploadedAt: new Date().toISOString() };
      const updated = await repo.setPhotos(tx, p.id, [...p.photos.filter((ph) => ph.kind !== kind), photo]);
      await this.send(tx, updated, await this.ownerOf(updated));
      await audit(tx, actor, {
        action: 'appointments.preregistration-photo',
        targetType: 'preregistration',
        targetId: updated.preregNo,
        details: { kind, size: stored.size, version: updated.version },
      });
      return updated;
    });
    return { preregistration: row, decision };
  }

  private async inspectPhoto(data: Buffer): Promise<PreregistrationPhoto['mime']> {
    const { params } = this.platform;
    try {
      const limits = {
        maxBytes: (await params.get(appointmentsParams.preregPhotoMaxMegabytes)) * 1024 * 1024,
        maxPixels: (await params.get(blobParams.maxMegapixels)) * 1_000_000,
      };
      const { mime } = await inspectContent(data, limits);
      if (isPhotoMime(mime)) return mime;
      throw new ContentRefusal(415, 'FILE_TYPE_UNSUPPORTED', PHOTO_TYPE_CHECK.refuse(data)!);
    } catch (err) {
      if (err instanceof ContentRefusal) throw new AppError(err.status, err.code, err.message, [{ field: 'photo', message: err.message }]);
      throw err;
    }
  }

  /** The owner's items in clear, for a pre-registration's next crossing (they are sealed to the police zone again). */
  private async ownerOf(p: PreregistrationRow): Promise<Pick<PreregistrationInput, 'idNumber' | 'name' | 'mobile'>> {
    const { fields } = this.platform;
    return {
      idNumber: await fields.decrypt(p.idNumberEnc, PREREG_ID_CONTEXT),
      name: await fields.decrypt(p.nameEnc, PREREG_NAME_CONTEXT),
      mobile: await fields.decrypt(p.phoneEnc, PREREG_PHONE_CONTEXT),
    };
  }

  /** The citizen's openid: the hub's assertion wins over the partner's word; an asserted real name must hold the ID number. */
  private citizen(req: { idNumber: string } & CitizenClaim): string {
    const asserted = assertedCitizen(this.identities, req);
    if (!asserted) return req.openid ?? '';
    if (asserted.person && asserted.person.idNumber !== req.idNumber) {
      throw new AppError(403, 'PREREGISTRATION_IDENTITY_MISMATCH', '身份证号与随申办实名身份不符', [
        { field: 'idNumber', message: '身份证号与随申办实名身份不符' },
      ]);
    }
    return asserted.openid;
  }

  private send(tx: Tx, p: PreregistrationRow, req: Pick<PreregistrationInput, 'idNumber' | 'name' | 'mobile'>) {
    const data = {
      preregNo: p.preregNo,
      departmentCode: p.departmentCode,
      station: p.station,
      idNumber: req.idNumber,
      name: req.name,
      phone: req.mobile,
      zcbm: p.zcbm,
      plateWanted: p.plateWanted,
      brand: p.brand,
      model: p.model,
      invoiceNo: p.invoiceNo,
      submittedAt: p.createdAt.toISOString(),
      photos: p.photos,
    };
    return this.exchange().enqueue(tx, 'registrations', [{ key: p.preregNo, version: p.version, data }]);
  }
}
