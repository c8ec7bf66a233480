import {
  PII_VIEW_PURPOSES,
  type PiiViewBody,
  type PreregistrationDecision,
  type PreregistrationDraft,
  type PreregistrationItem,
  type PreregistrationPhoto,
} from '@shtp/core/ebike';
import { maskIdNumber, maskInvoiceNo, maskName, maskPhone } from '@shtp/core/masking';
import type { Actor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditedCall } from '../../platform/audit/audited-call.ts';
import type { Tx } from '../../platform/db/client.ts';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import type { ExchangeApi } from '../exchange/exchange.api.ts';
import { clearViewDecision } from './clear-view.policy.ts';
import { decideRefusal, preregistrationActions, registerRefusal } from './preregistration.policy.ts';
import { type PreregistrationRow, preregistrationsRepository as repo } from './preregistrations.repository.ts';

export const PREREG_ID_CONTEXT = 'ebike_preregistrations.id_number_enc';
export const PREREG_NAME_CONTEXT = 'ebike_preregistrations.name_enc';
export const PREREG_PHONE_CONTEXT = 'ebike_preregistrations.phone_enc';
export const PREREG_ENCRYPTED_COLUMNS = [
  { table: 'ebike_preregistrations', id: 'prereg_no', column: 'id_number_enc', context: PREREG_ID_CONTEXT },
  { table: 'ebike_preregistrations', id: 'prereg_no', column: 'name_enc', context: PREREG_NAME_CONTEXT },
  { table: 'ebike_preregistrations', id: 'prereg_no', column: 'phone_enc', context: PREREG_PHONE_CONTEXT },
];

/** A pre-registration as it crossed on the exchange's `registrations` channel. */
export interface CrossedPreregistration {
  preregNo: string;
  version: number;
  departmentCode: string;
  station: string;
  idNumber: string;
  name: string;
  phone: string;
  zcbm: string;
  plateWanted: string | null;
  brand: string;
  model: string;
  invoiceNo: string;
  submittedAt: string;
  /** Schema 2: the photos, already stored in this zone's blob store by the exchange (package attachments). */
  photos?: PreregistrationPhoto[];
}

/**
 * The exchange's applier (G13 `registrations`), in the package's transaction: the owner's items encrypted as they
 * arrive; the photos the exchange stored are held for the pre-registration (before the rows that name them are written).
 */
export async function recordPreregistrations(platform: Pick<Platform, 'fields' | 'blobs'>, tx: Tx, items: readonly CrossedPreregistration[]): Promise<void> {
  const { fields } = platform;
  // The newest version of each (a photo added makes a new version; several may cross in one package).
  const newest = new Map<string, CrossedPreregistration>();
  for (const p of items) if ((newest.get(p.preregNo)?.version ?? -1) < p.version) newest.set(p.preregNo, p);
  const digests = [...newest.values()].flatMap((p) => (p.photos ?? []).map((ph) => ph.digest));
  if (digests.length > 0) await platform.blobs.hold(tx, digests);
  const rows = [];
  for (const p of newest.values()) {
    rows.push({
      preregNo: p.preregNo,
      version: p.version,
      departmentCode: p.departmentCode,
      station: p.station,
      idNumberEnc: await fields.encrypt(p.idNumber, PREREG_ID_CONTEXT),
      nameEnc: await fields.encrypt(p.name, PREREG_NAME_CONTEXT),
      phoneEnc: await fields.encrypt(p.phone, PREREG_PHONE_CONTEXT),
      zcbm: p.zcbm,
      plateWanted: p.plateWanted,
      brand: p.brand,
      model: p.model,
      invoiceNo: p.invoiceNo,
      submittedAt: new Date(p.submittedAt),
      photos: p.photos ?? [],
    });
  }
  await repo.upsert(tx, rows);
}

type OwnerView = 'masked' | 'privileged' | 'whole';
const LIST_LIMIT = 500;

/**
 * 网上预登记 in the police zone (G13 `registrations`): what crossed is stored encrypted for the window of the chosen
 * station's department, listed masked (each list audited), shown in clear only through the audited clear view; the
 * window's 受理 / 退回 and its crossing back (`registration-status`) are one transaction.
 */
export class PreregistrationService {
  constructor(
    private readonly platform: Platform,
    private readonly exchange: () => ExchangeApi,
  ) {}

  list(principal: Principal, actor: Actor, status: PreregistrationRow['status'] | undefined): Promise<{ items: PreregistrationItem[] }> {
    const event = { action: 'ebike.preregistrations', targetType: 'preregistration-list', targetId: status ?? 'all' };
    return auditedCall(this.platform.db, actor, event, async () => {
      const rows = await repo.inScope(this.platform.db, principal, status, LIST_LIMIT);
      const items = await Promise.all(rows.map((r) => this.view(principal, r, 'masked')));
      return { result: { items }, details: { count: items.length } };
    });
  }

  /** The owner in clear for a stated purpose and reason (SECURITY.md §2; the same policy as a vehicle's clear view). */
  piiView(principal: Principal, actor: Actor, preregNo: string, body: PiiViewBody): Promise<PreregistrationItem> {
    const details = { purpose: body.purpose, purposeLabel: PII_VIEW_PURPOSES[body.purpose].label, reason: body.reason, fullIdNumber: body.fullIdNumber };
    const event = { action: 'ebike.preregistration-pii-view', targetType: 'preregistration', targetId: preregNo, details };
    return auditedCall(this.platform.db, actor, event, async () => {
      const decision = clearViewDecision(principal.permissions, body);
      if (!decision.allowed) {
        if (decision.missingPermission) throw forbidden(decision.reason);
        throw badRequest('VALIDATION_FAILED', decision.reason, [{ field: 'fullIdNumber', message: decision.reason }]);
      }
      const row = await repo.oneInScope(this.platform.db, principal, preregNo);
      if (!row) throw notFound('预登记');
      return { result: await this.view(principal, row, decision.view) };
    });
  }

  /**
   * 注册登记 prefilled from an accepted pre-registration: the owner in clear for the window that registers it (the
   * business needs the whole ID number), audited as a clear view for 登记业务办理; refused (409) when it cannot be registered.
   */
  draft(principal: Principal, actor: Actor, preregNo: string): Promise<PreregistrationDraft> {
    const details = { purpose: 'business', purposeLabel: PII_VIEW_PURPOSES.business.label, reason: '按网上预登记办理注册登记' };
    const event = { action: 'ebike.preregistration-draft', targetType: 'preregistration', targetId: preregNo, details };
    return auditedCall(this.platform.db, actor, event, async () => {
      const r = await repo.oneInScope(this.platform.db, principal, preregNo);
      if (!r) throw notFound('预登记');
      const refused = registerRefusal(r);
      if (refused) throw conflict('PREREGISTRATION_NOT_REGISTRABLE', refused);
      const { fields } = this.platform;
      const [idNumber, name, phone] = await Promise.all([
        fields.decrypt(r.idNumberEnc, PREREG_ID_CONTEXT),
        fields.decrypt(r.nameEnc, PREREG_NAME_CONTEXT),
        fields.decrypt(r.phoneEnc, PREREG_PHONE_CONTEXT),
      ]);
      return {
        result: {
          preregNo: r.preregNo,
          owner: { ownerType: '1' as const, idNumber, name, phone },
          vehicle: { zcbm: r.zcbm, brand: r.brand, model: r.model, acquireWay: 'purchase' as const, originProof: r.invoiceNo },
          plateNumber: r.plateWanted,
        },
      };
    });
  }

  /**
   * One photo that crossed with a pre-registration in the principal's data scope, for the window (its content is
   * personal data: every view is audited, success or refusal).
   */
  photo(principal: Principal, actor: Actor, preregNo: string, digest: string): Promise<{ data: Buffer; mime: string; kind: string }> {
    const event = { action: 'ebike.preregistration-photo', targetType: 'preregistration', targetId: preregNo, details: { digest } };
    return auditedCall(this.platform.db, actor, event, async () => {
      const r = await repo.oneInScope(this.platform.db, principal, preregNo);
      const photo = r?.photos.find((p) => p.digest === digest);
      if (!photo) throw notFound('预登记照片');
      const blob = await this.platform.blobs.get(digest);
      if (!blob) throw notFound('预登记照片');
      return { result: { data: blob.data, mime: photo.mime, kind: photo.kind }, details: { kind: photo.kind } };
    });
  }

  /** 受理, or 退回 with a reason; the same decision again changes nothing, another one on a decided record is a 409. */
  async decide(principal: Principal, actor: Actor, preregNo: string, body: PreregistrationDecision): Promise<PreregistrationItem> {
    const status = body.decision === 'accept' ? 'accepted' : 'returned';
    const reason = status === 'returned' ? (body.reason ?? null) : null;
    const row = await this.platform.db.transaction(async (tx) => {
      const p = await repo.oneInScope(tx, principal, preregNo, true);
      if (!p) throw notFound('预登记');
      if (p.status === status && p.returnReason === reason) return p;
      const refused = decideRefusal(p);
      if (refused) throw conflict('PREREGISTRATION_DECIDED', refused);
      const decided = await repo.decide(tx, preregNo, status, reason, principal.user.id);
      const data = { preregNo, status, reason, decidedAt: decided.decidedAt!.toISOString() };
      await this.exchange().enqueue(tx, 'registration-status', [{ key: preregNo, version: 1, data }]);
      await audit(tx, actor, { action: 'ebike.preregistration-decision', targetType: 'preregistration', targetId: preregNo, details: { status } });
      return decided;
    });
    return this.view(principal, row, 'masked');
  }

  private async view(principal: Principal, r: PreregistrationRow, how: OwnerView): Promise<PreregistrationItem> {
    const { fields } = this.platform;
    const [idNumber, name, phone] = await Promise.all([
      fields.decrypt(r.idNumberEnc, PREREG_ID_CONTEXT),
      fields.decrypt(r.nameEnc, PREREG_NAME_CONTEXT),
      fields.decrypt(r.phoneEnc, PREREG_PHONE_CONTEXT),
    ]);
    const clear = how !== 'masked';
    return {
      preregNo: r.preregNo,
      station: r.station,
      name: clear ? name : (maskName(name) ?? ''),
      idNumber: how === 'whole' ? idNumber : (maskIdNumber(idNumber, how === 'privileged' ? 'privileged' : 'default') ?? ''),
      phone: clear ? phone : (maskPhone(phone) ?? ''),
      zcbm: r.zcbm,
      plateWanted: r.plateWanted,
      brand: r.brand,
      model: r.model,
      invoiceNo: clear ? r.invoiceNo : (maskInvoiceNo(r.invoiceNo) ?? ''),
      submittedAt: r.submittedAt.toISOString(),
      status: r.status,
      returnReason: r.returnReason,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      lsh: r.lsh,
      photos: r.photos,
      actions: preregistrationActions(principal, r),
    };
  }
}
