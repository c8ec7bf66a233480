import {
  codeTableOn,
  type FirstViolationCheck,
  OCR_FIELD_LABELS,
  type OcrAccuracy,
  type OcrField,
  type OcrFieldName,
  ticketOf,
  trafficModeName,
  type Violation,
  type ViolationBody,
} from '@shtp/core/enforcement';
import { audit } from '../../../platform/audit/audit.ts';
import { auditedCall } from '../../../platform/audit/audited-call.ts';
import { inTransaction } from '../../../platform/db/client.ts';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { enforcementParams as P } from '../enforcement.params.ts';
import type { EnforcementPorts } from '../enforcement.ports.ts';
import { type Officer, officerColumns, shanghaiDate } from '../handheld.ts';
import { maskedAddress, maskedParty, onceByClientId, partyIndex, sealAddress, sealParty } from '../party.ts';
import { trafficModeRefusal } from '../traffic-mode.policy.ts';
import { ticketPdf } from './ticket-pdf.ts';
import { dailyCapRefusal, firstViolation, kindRefusal } from './violation.policy.ts';
import { type FinePaymentRow, violationsRepository as repo, type ViolationRow } from './violations.repository.ts';
import { violationsWorkbookStream } from './violations-export.ts';

const field = (name: string, message: string) => badRequest('VALIDATION_FAILED', message, [{ field: name, message }]);

/** Which recognised fields the officer corrected (P1 field accuracy), without the values. */
const corrections = (ocr: readonly OcrField[]) => ocr.map((f) => ({ field: f.field, confidence: f.confidence, corrected: f.recognized !== f.final }));

/** 简易程序 decisions and warnings from the handheld (P7 首违免罚, P8 codes, P2 education, the daily cap). */
export class ViolationsService {
  constructor(
    private readonly platform: Platform,
    private readonly ports: EnforcementPorts,
  ) {}

  /** The code in the table version in force on the day of the violation (P8 codes are data of the same version). */
  private codeOf(code: string, occurredAt: Date, trafficMode?: string) {
    const table = codeTableOn(shanghaiDate(occurredAt));
    const entry = table.violations.find((v) => v.code === code);
    if (!entry)
      throw badRequest('VIOLATION_CODE_UNKNOWN', `违法代码 ${code} 不在现行代码表（${table.version}）中`, [{ field: 'code', message: '违法代码无效' }]);
    const modeRefusal = trafficMode === undefined ? null : trafficModeRefusal(table, trafficMode, entry);
    if (modeRefusal) throw field('trafficMode', modeRefusal);
    return { table, entry };
  }

  private async decide(q: FirstViolationCheck, occurredAt: Date, exceptId?: string) {
    const { table, entry } = this.codeOf(q.code, occurredAt);
    const months = await this.platform.params.get(P.firstViolationMonths);
    const from = new Date(occurredAt);
    from.setMonth(from.getMonth() - months);
    const priorSameCode = await repo.priorSameCode(this.platform.db, {
      partyIdIdx: await partyIndex(this.platform.fields, q.party.idNumber),
      plate: q.plate,
      code: q.code,
      from,
      before: occurredAt,
      ...(exceptId && { exceptId }),
    });
    const eligibleCodes = await this.platform.params.get(P.firstViolationCodes);
    return { table, entry, decision: firstViolation({ code: entry, eligibleCodes, priorSameCode, months, corrected: q.corrected, harm: q.harm }) };
  }

  /** P7 on the handheld before writing: a handheld query, audited (P10) with the count of prior records it read. */
  async check(officer: Officer, q: FirstViolationCheck) {
    return auditedCall(
      this.platform.db,
      officer.actor,
      {
        action: 'enforcement.first-violation-check',
        targetType: 'violation_code',
        targetId: q.code,
        details: { keys: ['idNumber', ...(q.plate ? ['plate'] : [])], device: officer.deviceCode },
      },
      async () => {
        const { decision } = await this.decide(q, new Date());
        return { result: decision, details: { found: decision.eligible ? 0 : 1 } };
      },
    );
  }

  async create(officer: Officer, body: ViolationBody, digest: string) {
    const db = this.platform.db;
    const occurredAt = new Date(body.occurredAt);
    this.codeOf(body.code, occurredAt, body.trafficMode);
    const known = await repo.byId(db, body.id);
    if (known) return this.replay(officer, known, digest);
    const { table, entry, decision } = await this.decide(body, occurredAt, body.id);
    const refusal = kindRefusal(body.kind, entry, decision, body.fine);
    if (refusal) throw body.kind === 'warning' ? conflict('WARNING_NOT_ALLOWED', refusal, [{ field: 'kind', message: refusal }]) : field('fine', refusal);
    const cap = await this.platform.params.get(P.dailyCap);
    const education = body.education ? await this.educate(officer, body) : null;
    const party = await sealParty(this.platform.fields, 'enf_violations', body.party);
    const partyAddressEnc = await sealAddress(this.platform.fields, body.party.address);
    return inTransaction(db, async (tx) => {
      await repo.lockOfficer(tx, officer.principal.user.id);
      const today = await repo.countToday(tx, officer.principal.user.id, new Date());
      const capped = dailyCapRefusal(today, cap);
      const { row, replayed } = await onceByClientId(
        async () => {
          if (capped) throw conflict('DAILY_CAP_REACHED', capped);
          return repo.insert(tx, {
            id: body.id,
            kind: body.kind,
            code: entry.code,
            codeVersion: table.version,
            trafficMode: body.trafficMode,
            ...party,
            partyAddressEnc,
            plate: body.plate ?? null,
            place: body.place,
            occurredAt,
            corrected: body.corrected,
            harm: body.harm,
            fine: body.kind === 'warning' ? 0 : (body.fine ?? 0),
            firstViolation: decision,
            educationRecordNo: education,
            ocr: corrections(body.ocr),
            requestDigest: digest,
            ...officerColumns(officer),
          });
        },
        () => repo.byId(tx, body.id),
        digest,
      );
      if (!replayed) {
        await audit(tx, officer.actor, {
          action: 'enforcement.violation',
          targetType: 'enf_violation',
          targetId: row.id,
          details: { kind: row.kind, code: row.code, firstViolation: decision.eligible, device: officer.deviceCode },
        });
      }
      return { violation: await this.view(row), dailyCount: today + (replayed ? 0 : 1), dailyCap: cap };
    });
  }

  private async replay(officer: Officer, row: ViolationRow, digest: string) {
    const { row: same } = await onceByClientId(
      async () => undefined,
      async () => row,
      digest,
    );
    const cap = await this.platform.params.get(P.dailyCap);
    return { violation: await this.view(same), dailyCount: await repo.countToday(this.platform.db, officer.principal.user.id, new Date()), dailyCap: cap };
  }

  /** P2: the Ministry's on-site education; its record number goes with the violation. */
  private async educate(officer: Officer, body: ViolationBody): Promise<string> {
    const answer = await this.ports.education.port.record(
      { idNumber: body.party.idNumber, violationCode: body.code, place: body.place, officer: officer.principal.user.displayName },
      { timeoutMs: 10_000 },
    );
    if (answer.outcome === 'recorded') return answer.recordNo;
    throw new AppError(503, 'EDUCATION_UNAVAILABLE', `现场教育未能记录：${answer.reason}；可不选现场教育先行开具`);
  }

  async list(officer: Pick<Officer, 'principal'>, q: { page: number; pageSize: number; from?: string | undefined; to?: string | undefined }) {
    const { rows, total } = await repo.list(this.platform.db, officer.principal, q);
    const payments = await repo.paymentsOf(
      this.platform.db,
      rows.map((r) => r.decisionNo),
    );
    return { items: await Promise.all(rows.map((r) => this.view(r, payments.get(r.decisionNo)))), total, page: q.page, pageSize: q.pageSize };
  }

  /** The list as Excel (same scope and days, masked like the list), audited with its filters. */
  async export(principal: Principal, actor: Officer['actor'], q: { from?: string | undefined; to?: string | undefined }) {
    await audit(this.platform.db, actor, { action: 'enforcement.violations.export', targetType: 'enf-violation', details: { filters: q } });
    const db = this.platform.db;
    const view = (row: ViolationRow, payment?: FinePaymentRow) => this.view(row, payment);
    async function* rows() {
      for await (const batch of repo.stream(db, principal, q)) {
        const payments = await repo.paymentsOf(
          db,
          batch.map((r) => r.decisionNo),
        );
        for (const row of batch) yield await view(row, payments.get(row.decisionNo));
      }
    }
    return violationsWorkbookStream(rows());
  }

  /**
   * The ticket the handheld printed, as a PDF (masked like the handheld's print), for a reader whose data scope holds
   * it; every download audited. A server without the Chinese font answers 503 and says which package is missing.
   */
  async ticketPdf(principal: Principal, actor: Officer['actor'], id: string, fontFile: string): Promise<{ decisionNo: string; pdf: Uint8Array }> {
    const row = await repo.byIdInScope(this.platform.db, principal, id);
    if (!row) throw notFound('处罚决定书');
    const payments = await repo.paymentsOf(this.platform.db, [row.decisionNo]);
    let pdf: Uint8Array;
    try {
      pdf = await ticketPdf(ticketOf(await this.view(row, payments.get(row.decisionNo))), fontFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new AppError(
        503,
        'TICKET_FONT_MISSING',
        `服务器缺少中文字体 ${fontFile}（Debian 软件包 fonts-wqy-microhei，或以 TICKET_FONT_FILE 指定），无法生成 PDF`,
      );
    }
    await audit(this.platform.db, actor, {
      action: 'enforcement.ticket-pdf',
      targetType: 'enf_violation',
      targetId: id,
      details: { decisionNo: row.decisionNo },
    });
    return { decisionNo: row.decisionNo, pdf };
  }

  /** P1 field accuracy: the share of each recognised field the officers kept as read; may lag (`platform.reports`). */
  async ocrAccuracy(principal: Principal, q: { from?: string | undefined; to?: string | undefined }): Promise<OcrAccuracy[]> {
    const rows = await repo.ocrAccuracy(this.platform.reports, principal, q);
    const round = (n: number) => Math.round(n * 1000) / 1000;
    return rows.map((r) => ({
      field: r.field,
      label: OCR_FIELD_LABELS[r.field as OcrFieldName] ?? r.field,
      recognised: r.recognised,
      corrected: r.corrected,
      accuracy: round((r.recognised - r.corrected) / r.recognised),
      meanConfidence: round(r.meanConfidence),
    }));
  }

  async view(row: ViolationRow, payment?: FinePaymentRow): Promise<Violation> {
    const party = await maskedParty(this.platform.fields, 'enf_violations', row);
    const table = codeTableOn(shanghaiDate(row.occurredAt));
    return {
      id: row.id,
      decisionNo: row.decisionNo,
      kind: row.kind as Violation['kind'],
      code: row.code,
      codeName: table.violations.find((v) => v.code === row.code)?.name ?? row.code,
      codeVersion: row.codeVersion,
      trafficMode: row.trafficMode,
      trafficModeName: trafficModeName(table, row.trafficMode),
      partyName: party.name,
      partyIdNumber: party.idNumber,
      partyAddress: await maskedAddress(this.platform.fields, row.partyAddressEnc),
      plate: row.plate,
      place: row.place,
      occurredAt: row.occurredAt.toISOString(),
      fine: row.fine,
      firstViolation: row.firstViolation as Violation['firstViolation'],
      educationRecordNo: row.educationRecordNo,
      ocrCorrections: (row.ocr as { corrected: boolean }[]).filter((f) => f.corrected).length,
      officerName: row.officerName,
      createdAt: row.createdAt.toISOString(),
      payment: payment
        ? {
            paidAt: payment.paidAt.toISOString(),
            fineFen: payment.fineFen,
            lateFeeFen: payment.lateFeeFen,
            channel: payment.channel,
            refundedFen: payment.refundedFen,
            refundedAt: payment.refundedAt?.toISOString() ?? null,
          }
        : null,
    };
  }
}
