import type { BusinessIntake } from '@shtp/core/tempplate';
import { sm3Hex } from '@shtp/gm';
import canonicalizeModule from 'canonicalize';
import type { Actor } from '../../../platform/audit/audit.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { badRequest, conflict } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { EnforcementApi } from '../../enforcement/enforcement.api.ts';
import type { RecognitionApi } from '../../recognition/recognition.api.ts';
import { dayOf, evaluateBusiness, monthOf, paramSetVersion } from '../rules/evaluation.ts';
import { nonLocalIdCard } from '../rules/id-region.ts';
import { queriedHistories } from '../rules/plate-histories.ts';
import { readSettings } from '../rules/rules.ts';
import { autoAssign, loadAutoAssignPlan } from '../work-orders/auto-assign.ts';
import { workOrdersRepository as orders } from '../work-orders/work-orders.repository.ts';
import { factsOf, sealBusiness } from './business-record.ts';
import { businessesRepository as repo } from './businesses.repository.ts';
import { dayCountsRepository as dayCounts } from './day-counts.repository.ts';
import { checkRecaptures, inspectImages, readInvoiceImage, storeImages } from './material-images.ts';

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string;

export interface IntakeResult {
  businessId: number;
  duplicate: boolean;
  warnings: string[];
}

/**
 * Receives one temporary-plate business (from the 车驾管 port or a service account) and evaluates it at once, in
 * one transaction with its warnings, work orders, rollups and audit record. A re-delivery of the same business is
 * answered with the first result; another business under the same 流水号 is refused.
 */
export class IntakeService {
  constructor(
    private readonly platform: Platform,
    /** The recognition module's API when it is mounted in this zone (asked per call: modules start in order). */
    private readonly recognition: () => RecognitionApi | undefined,
    /** The 交通执法 module's API when mounted (T10 and X9 read tickets of the plate through it). */
    private readonly enforcement: () => EnforcementApi | undefined = () => undefined,
  ) {}

  async receive(actor: Actor, body: BusinessIntake): Promise<IntakeResult> {
    const department = await repo.departmentByCode(this.platform.db, body.departmentCode);
    if (!department) throw badRequest('VALIDATION_FAILED', '办理部门代码不存在', [{ field: 'departmentCode', message: '办理部门代码不存在' }]);
    // Parameters are read before the transaction (on PGlite a query outside an open transaction waits for it).
    const settings = await readSettings(this.platform);
    const assignPlan = await loadAutoAssignPlan(this.platform);
    const digest = sm3Hex(canonicalize(body));
    const images = await inspectImages(body.images ?? []);
    const known = await repo.bySourceId(this.platform.db, body.sourceId);
    // A re-delivery is answered without reading its images again; a conflicting one is refused in the transaction.
    const invoiceReading = known ? null : await readInvoiceImage(this.recognition(), actor, images);
    const recaptures = known ? [] : await checkRecaptures(this.recognition(), actor, images);
    const stored = known ? [] : await storeImages(this.platform, images, recaptures);
    const row = await sealBusiness(this.platform.fields, body, department.id, digest, { images: stored, invoiceReading });
    return this.platform.db.transaction(async (tx) => {
      await this.platform.blobs.hold(
        tx,
        (row.images ?? []).map((i) => i.digest),
      );
      const stored = await repo.insertOnce(tx, row);
      if (!stored.inserted) {
        if (stored.bodyDigest !== digest) throw conflict('BUSINESS_CONFLICT', `流水号 ${body.sourceId} 已接收过内容不同的临牌业务`);
        return { businessId: stored.id, duplicate: true, warnings: await orders.rulesOfBusiness(tx, stored.id) };
      }
      const version = await paramSetVersion(tx, settings);
      const facts = factsOf(
        { ...(row as Required<typeof row>), id: stored.id },
        { ownerName: body.owner.name, ownerIdNumber: body.owner.idNumber, phone: body.phone, invoice: body.invoice ?? null },
      );
      // Counted before the evaluation: T9's recent share includes this business.
      const nonLocal = nonLocalIdCard(facts.ownerIdType, facts.ownerRegion);
      await dayCounts.bump(tx, {
        departmentId: department.id,
        dealerUscc: facts.dealerUscc,
        day: dayOf(facts.issuedAt),
        idCard: nonLocal !== null,
        nonLocal: nonLocal === true,
      });
      const raised = await evaluateBusiness(
        tx,
        { ...facts, departmentId: department.id },
        settings,
        version,
        invoiceReading,
        undefined,
        queriedHistories(tx, this.enforcement()),
      );
      await autoAssign(this.platform, tx, assignPlan, raised, { departmentId: department.id, issuedAt: facts.issuedAt });
      const warnings = raised.map((w) => w.rule);
      await orders.bump(tx, department.id, monthOf(facts.issuedAt), '', 'raised');
      await audit(tx, actor, {
        action: 'tempplate.business.receive',
        targetType: 'tempplate_business',
        targetId: stored.id,
        details: { sourceId: body.sourceId, warnings, paramSetVersion: version },
      });
      return { businessId: stored.id, duplicate: false, warnings };
    });
  }
}
