import { ALCOHOL_VERDICTS, type BreathTest, type BreathTestBody, CUSTODY_STEPS, type CustodyStep } from '@shtp/core/enforcement';
import type { AlcoholUploadPort } from '../../../integrations/alcohol-upload/alcohol-upload.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { standardUploadJob } from '../enforcement.jobs.ts';
import { enforcementParams as P } from '../enforcement.params.ts';
import { type Officer, officerColumns } from '../handheld.ts';
import { maskedParty, onceByClientId, sealParty } from '../party.ts';
import { type PageFilter, viewedRows } from '../scoped-page.repository.ts';
import { alcoholVerdict, bloodTestRequired, calibrationRefusal, custodyOverdue, custodyRefusal } from './alcohol.policy.ts';
import { type BloodSampleRow, type BreathTestRow, type DeviceReadingRow, type ReadingFilter, alcoholRepository as repo } from './alcohol.repository.ts';
import { bloodSamplesWorkbookStream, breathTestsWorkbookStream, readingsWorkbookStream } from './alcohol-export.ts';
import { StandardUploads } from './standard-upload.service.ts';

type DayFilter = Omit<PageFilter, 'page' | 'pageSize'>;
type CustodyEvent = { step: CustodyStep; at: string; by: string; note: string | null };

/** P3–P6: breath tests, readings pushed by breathalysers, blood samples and their custody. */
export class AlcoholService {
  private readonly uploads: StandardUploads;

  constructor(
    private readonly platform: Platform,
    uploadPort: AlcoholUploadPort,
  ) {
    this.uploads = new StandardUploads(platform, uploadPort);
  }

  private thresholds = async () => ({
    brac2bac: await this.platform.params.get(P.brac2bac),
    drink: await this.platform.params.get(P.drinkThreshold),
    drunk: await this.platform.params.get(P.drunkThreshold),
  });

  async breathTest(officer: Officer, body: BreathTestBody, digest: string): Promise<BreathTest> {
    const testedAt = new Date(body.testedAt);
    const invalid = calibrationRefusal(body.calibrationDate, testedAt, await this.platform.params.get(P.calibrationValidDays));
    if (invalid) throw badRequest('CALIBRATION_EXPIRED', invalid, [{ field: 'calibrationDate', message: invalid }]);
    const v = alcoholVerdict(body.bracMgPerL, await this.thresholds());
    const party = await sealParty(this.platform.fields, 'enf_breath_tests', body.subject);
    const minutes = await this.platform.params.get(P.deviceLinkMinutes);
    const row = await inTransaction(this.platform.db, async (tx) => {
      const { row, replayed } = await onceByClientId(
        () =>
          repo.insertBreathTest(tx, {
            id: body.id,
            testerCode: body.deviceCode,
            calibrationDate: body.calibrationDate,
            bracMgPerL: body.bracMgPerL,
            bacMgPer100mL: v.bac,
            verdict: v.verdict,
            accepted: body.accepted,
            ...party,
            plate: body.plate ?? null,
            place: body.place,
            testedAt,
            requestDigest: digest,
            ...officerColumns(officer),
          }),
        () => repo.breathTest(tx, body.id),
        digest,
      );
      if (!replayed) {
        await repo.claimReadings(tx, row, minutes);
        await this.platform.jobs.enqueue(
          tx,
          standardUploadJob,
          { recordType: 'breath', recordId: row.id },
          { idempotencyKey: `standard-upload:breath:${row.id}` },
        );
        await audit(tx, officer.actor, {
          action: 'enforcement.breath-test',
          targetType: 'enf_breath_test',
          targetId: row.id,
          details: { verdict: v.verdict, device: officer.deviceCode },
        });
      }
      return row;
    });
    return this.breathView(officer.principal.permissions, row);
  }

  /** `permissions`: the reader's, for the record's allowed actions. */
  async breathView(permissions: ReadonlySet<string>, row: BreathTestRow): Promise<BreathTest> {
    const subject = await maskedParty(this.platform.fields, 'enf_breath_tests', row);
    const verdict = row.verdict as BreathTest['verdict'];
    return {
      id: row.id,
      deviceCode: row.testerCode,
      calibrationDate: row.calibrationDate,
      bracMgPerL: row.bracMgPerL,
      bacMgPer100mL: row.bacMgPer100mL,
      verdict,
      verdictLabel: ALCOHOL_VERDICTS[verdict],
      bloodTestRequired: bloodTestRequired(verdict, row.accepted),
      subjectName: subject.name,
      subjectIdNumber: subject.idNumber,
      plate: row.plate,
      place: row.place,
      testedAt: row.testedAt.toISOString(),
      deviceReadings: await repo.readingsOf(this.platform.db, row.id),
      officerName: row.officerName,
      standardUpload: await this.uploads.view(permissions, 'breath', row.id),
    };
  }

  /**
   * P4: a reading the breathalyser pushed (its envelope is its signature). Stored once per (device, message); linked
   * to the breath test of the same device nearest in time, whichever of the two arrives first.
   */
  async deviceReading(deviceCode: string, actor: Actor, body: { messageId: string; measuredAt: string; bracMgPerL: number }) {
    const measuredAt = new Date(body.measuredAt);
    const minutes = await this.platform.params.get(P.deviceLinkMinutes);
    return inTransaction(this.platform.db, async (tx) => {
      const inserted = await repo.insertReading(tx, { deviceCode, messageId: body.messageId, measuredAt, bracMgPerL: body.bracMgPerL });
      if (!inserted) {
        const known = (await repo.reading(tx, deviceCode, body.messageId))!;
        return { id: known.id, breathTestId: known.breathTestId, duplicate: true };
      }
      const testId = (await repo.testNear(tx, deviceCode, measuredAt, minutes)) ?? null;
      if (testId) await repo.linkReading(tx, inserted.id, testId);
      await audit(tx, actor, {
        action: 'enforcement.device-reading',
        targetType: 'enf_device_reading',
        targetId: inserted.id,
        details: { device: deviceCode, linked: !!testId },
      });
      return { id: inserted.id, breathTestId: testId, duplicate: false };
    });
  }

  async breathTests(principal: Principal, q: PageFilter) {
    const { rows, total } = await repo.breathTests(this.platform.db, principal, q);
    return { items: await Promise.all(rows.map((r) => this.breathView(principal.permissions, r))), total, page: q.page, pageSize: q.pageSize };
  }

  /** The list as Excel (same scope and days, the party masked), audited with its filters. */
  async exportBreathTests(principal: Principal, actor: Actor, q: DayFilter) {
    await audit(this.platform.db, actor, { action: 'enforcement.breath-tests.export', targetType: 'enf_breath_test', details: { filters: q } });
    const rows = viewedRows(repo.breathTestBatches(this.platform.db, principal, q), (row: BreathTestRow) => this.breathView(principal.permissions, row));
    return breathTestsWorkbookStream(rows);
  }

  async readings(principal: Principal, q: PageFilter & { deviceCode?: string | undefined }) {
    const { rows, total } = await repo.readings(this.platform.db, principal, q);
    return { items: rows.map(readingView), total, page: q.page, pageSize: q.pageSize };
  }

  /** P5 readings as Excel (same scope, device and days as the list), audited with its filters. */
  async exportReadings(principal: Principal, actor: Actor, q: ReadingFilter) {
    await audit(this.platform.db, actor, { action: 'enforcement.device-readings.export', targetType: 'enf_device_reading', details: { filters: q } });
    return readingsWorkbookStream(viewedRows(repo.readingBatches(this.platform.db, principal, q), async (r: DeviceReadingRow) => readingView(r)));
  }

  /** Per device and day; may lag (`platform.reports`). */
  readingStats = (principal: Principal, q: { deviceCode?: string | undefined; from?: string | undefined; to?: string | undefined }) =>
    repo.readingStats(this.platform.reports, principal, q);

  async bloodSample(
    officer: Officer,
    body: { id: string; breathTestId?: string | undefined; sampleNo: string; institution: string; drawer: string; drawnAt: string },
    digest: string,
  ) {
    const row = await inTransaction(this.platform.db, async (tx) => {
      if (body.breathTestId && !(await repo.breathTest(tx, body.breathTestId)))
        throw badRequest('VALIDATION_FAILED', '呼气检测记录不存在', [{ field: 'breathTestId', message: '呼气检测记录不存在' }]);
      const { row, replayed } = await onceByClientId(
        () =>
          repo.insertBloodSample(tx, {
            id: body.id,
            breathTestId: body.breathTestId ?? null,
            sampleNo: body.sampleNo,
            institution: body.institution,
            drawer: body.drawer,
            drawnAt: new Date(body.drawnAt),
            requestDigest: digest,
            ...officerColumns(officer),
          }),
        () => repo.bloodSample(tx, body.id),
        digest,
      );
      if (!replayed)
        await audit(tx, officer.actor, {
          action: 'enforcement.blood-sample',
          targetType: 'enf_blood_sample',
          targetId: row.id,
          details: { device: officer.deviceCode },
        });
      return row;
    });
    return this.bloodView(officer.principal.permissions, row);
  }

  /** P6: the next step of the chain of custody, in order; the result closes the chain but for the notification. */
  async custody(
    officer: Officer,
    id: string,
    e: { step: CustodyStep; at: string; by: string; note?: string | undefined; resultMgPer100mL?: number | undefined },
  ) {
    const row = await inTransaction(this.platform.db, async (tx) => {
      const sample = await repo.bloodSampleForUpdate(tx, id);
      if (!sample || sample.departmentId !== officer.principal.department.id) throw notFound('血液样本');
      const events = sample.events as CustodyEvent[];
      const refused = custodyRefusal(
        events.map((x) => x.step),
        e.step,
        e.resultMgPer100mL !== undefined,
      );
      if (refused) throw conflict('CUSTODY_OUT_OF_ORDER', refused, [{ field: 'step', message: refused }]);
      const updated = await repo.updateCustody(
        tx,
        id,
        [...events, { step: e.step, at: e.at, by: e.by, note: e.note ?? null }],
        e.resultMgPer100mL ?? sample.resultMgPer100mL,
      );
      await audit(tx, officer.actor, {
        action: 'enforcement.blood-custody',
        targetType: 'enf_blood_sample',
        targetId: id,
        details: { step: e.step, stepLabel: CUSTODY_STEPS[e.step] },
      });
      // P6 goes up with its result: the sample with the laboratory's finding.
      if (e.step === 'result') {
        await this.platform.jobs.enqueue(tx, standardUploadJob, { recordType: 'blood', recordId: id }, { idempotencyKey: `standard-upload:blood:${id}` });
      }
      return updated;
    });
    return this.bloodView(officer.principal.permissions, row);
  }

  async bloodSamples(principal: Principal, q: PageFilter) {
    const { rows, total } = await repo.bloodSamples(this.platform.db, principal, q);
    return { items: await Promise.all(rows.map((r) => this.bloodView(principal.permissions, r))), total, page: q.page, pageSize: q.pageSize };
  }

  /** The list as Excel (same scope and days, with the custody steps and overdue warnings), audited with its filters. */
  async exportBloodSamples(principal: Principal, actor: Actor, q: DayFilter) {
    await audit(this.platform.db, actor, { action: 'enforcement.blood-samples.export', targetType: 'enf_blood_sample', details: { filters: q } });
    const rows = viewedRows(repo.bloodSampleBatches(this.platform.db, principal, q), (row: BloodSampleRow) => this.bloodView(principal.permissions, row));
    return bloodSamplesWorkbookStream(rows);
  }

  private async bloodView(permissions: ReadonlySet<string>, row: BloodSampleRow) {
    const events = row.events as CustodyEvent[];
    const limits = { labDays: await this.platform.params.get(P.labDays), notifyDays: await this.platform.params.get(P.notifyDays) };
    return {
      id: row.id,
      sampleNo: row.sampleNo,
      institution: row.institution,
      drawnAt: row.drawnAt.toISOString(),
      breathTestId: row.breathTestId,
      events,
      resultMgPer100mL: row.resultMgPer100mL,
      overdue: custodyOverdue(row.drawnAt, events, new Date(), limits),
      standardUpload: await this.uploads.view(permissions, 'blood', row.id),
    };
  }
}

const readingView = (r: DeviceReadingRow) => ({
  id: r.id,
  deviceCode: r.deviceCode,
  messageId: r.messageId,
  measuredAt: r.measuredAt.toISOString(),
  bracMgPerL: r.bracMgPerL,
  breathTestId: r.breathTestId,
  receivedAt: r.receivedAt.toISOString(),
});
