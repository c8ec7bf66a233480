import { CODE_TABLE_VERSIONS, codeTableOn } from '@shtp/core/enforcement';
import { systemActor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
// The registry this file augments, in every program that reads the file (the tools' bench reaches it through tempplate).
import type {} from '../app-module.ts';
import { enforcementParams } from './enforcement.params.ts';
import { shanghaiDate } from './handheld.ts';
import { paymentDueDate } from './violations/violation.policy.ts';
import { violationsRepository as repo } from './violations/violations.repository.ts';

/** A 处罚决定书 as the citizen needs it to pay (the exchange masks it before it leaves the zone). */
export interface DecisionExport {
  decisionNo: string;
  plate: string | null;
  occurredAt: string;
  place: string;
  act: string;
  points: number;
  fineFen: number;
  /** Last day without the late fee (Shanghai date). */
  dueDate: string;
}

/** A fine paid in the other zone, as it crossed. */
export interface FinePayment {
  decisionNo: string;
  fineFen: number;
  lateFeeFen: number;
  paidAt: string;
  channel: string;
  channelOrderNo: string;
  /** Refunded so far in the internet zone (G10), with the time of the latest refund; absent or 0 when none. */
  refundedFen?: number;
  refundedAt?: string;
}

export interface DecisionWatermark {
  at: string;
  id: string;
}

/** A 简易程序 decision or 警告 written on a vehicle's plate, as another module may read it (no party data). */
export interface PlateTicket {
  decisionNo: string;
  plate: string;
  /** decision (罚款) or warning (警告). */
  kind: string;
  occurredAt: string;
  place: string;
  /** The violation code and its name. */
  act: string;
}

/** What other modules may ask the 交通执法 module. */
export interface EnforcementApi {
  /** 罚款 decisions written after a watermark and before `settledBefore`, oldest first. */
  decisionsAfter(after: DecisionWatermark | null, settledBefore: Date, limit: number): Promise<{ items: DecisionExport[]; next: DecisionWatermark | null }>;
  /**
   * Records payments in the caller's transaction, once per decision: `recorded` are new here, `unknown` are decisions
   * this zone never wrote (kept all the same, for the reconciliation). A payment that comes again with a higher refunded
   * total raises the refund (`refunded`, audited); a lower or equal one changes nothing.
   */
  recordPayments(tx: Tx, payments: readonly FinePayment[]): Promise<{ recorded: string[]; refunded: string[]; unknown: string[] }>;
  /**
   * The decisions and warnings written on these plates (exactly as written: upper case, no separator) that occurred in
   * [from, until), oldest first, at most `limit`; in the caller's transaction when it gives one (`db`).
   */
  ticketsOfPlates(db: DbOrTx | null, plates: readonly string[], from: Date, until: Date, limit: number): Promise<PlateTicket[]>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    enforcement: EnforcementApi;
  }
}

export function enforcementApi(platform: Platform): EnforcementApi {
  return {
    async decisionsAfter(after, settledBefore, limit) {
      const rows = await repo.decisionsAfter(platform.db, after, settledBefore, limit);
      const payDays = await platform.params.get(enforcementParams.payDays);
      const items = rows.map((row) => {
        const code = codeTableOn(shanghaiDate(row.occurredAt)).violations.find((v) => v.code === row.code);
        return {
          decisionNo: row.decisionNo,
          plate: row.plate,
          occurredAt: row.occurredAt.toISOString(),
          place: row.place,
          act: code ? `${row.code} ${code.name}` : row.code,
          points: code?.points ?? 0,
          fineFen: row.fine * 100,
          dueDate: paymentDueDate(shanghaiDate(row.createdAt), payDays),
        };
      });
      const last = rows.at(-1);
      return { items, next: last ? { at: last.writtenAt, id: last.id } : null };
    },

    async recordPayments(tx, payments) {
      const known = await repo.knownDecisions(
        tx,
        payments.map((p) => p.decisionNo),
      );
      const recorded = await repo.insertPayments(
        tx,
        payments.map(({ refundedFen: _f, refundedAt: _a, ...p }) => ({ ...p, paidAt: new Date(p.paidAt) })),
      );
      const refunded: string[] = [];
      for (const p of payments) {
        if (!p.refundedFen || !(await repo.raiseRefund(tx, p.decisionNo, p.refundedFen, new Date(p.refundedAt ?? p.paidAt)))) continue;
        refunded.push(p.decisionNo);
        await audit(tx, systemActor('exchange'), {
          action: 'enforcement.fine-refunded',
          targetType: 'enf_violation',
          targetId: p.decisionNo,
          details: { refundedFen: p.refundedFen, channelOrderNo: p.channelOrderNo },
        });
      }
      return { recorded, refunded, unknown: payments.filter((p) => !known.has(p.decisionNo)).map((p) => p.decisionNo) };
    },

    async ticketsOfPlates(db, plates, from, until, limit) {
      const rows = await repo.ofPlates(db ?? platform.db, plates, from, until, limit);
      return rows.map((row) => {
        // named from the code table the ticket was written under
        const code = CODE_TABLE_VERSIONS.find((t) => t.version === row.codeVersion)?.violations.find((v) => v.code === row.code);
        return {
          decisionNo: row.decisionNo,
          plate: row.plate,
          kind: row.kind,
          occurredAt: row.occurredAt.toISOString(),
          place: row.place,
          act: code ? `${row.code} ${code.name}` : row.code,
        };
      });
    },
  };
}
