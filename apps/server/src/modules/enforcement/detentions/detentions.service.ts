import { codeTableOn, DETENTION_GROUNDS, type DetentionGround, trafficModeName } from '@shtp/core/enforcement';
import { audit } from '../../../platform/audit/audit.ts';
import { inTransaction } from '../../../platform/db/client.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import { type Officer, officerColumns, shanghaiDate } from '../handheld.ts';
import { maskedParty, onceByClientId, sealParty } from '../party.ts';
import { type PageFilter, viewedRows } from '../scoped-page.repository.ts';
import { detentionModeRefusal } from '../traffic-mode.policy.ts';
import { type DetentionRow, detentionsRepository as repo } from './detentions.repository.ts';
import { detentionsWorkbookStream } from './detentions-export.ts';

export interface DetentionInput {
  id: string;
  ground: DetentionGround;
  trafficMode: string;
  description: string;
  plate?: string | undefined;
  party: { idNumber: string; name: string };
  storagePlace: string;
  detainedAt: string;
  violationId?: string | undefined;
}

/** P9 先予扣留 of other conveyances: a numbered voucher, the storage place, the release. */
export class DetentionsService {
  constructor(private readonly platform: Platform) {}

  async detain(officer: Officer, body: DetentionInput, digest: string) {
    // P8: the conveyance's mode in the code table in force on the day, and one that may be detained.
    const refusal = detentionModeRefusal(codeTableOn(shanghaiDate(new Date(body.detainedAt))), body.trafficMode);
    if (refusal) throw badRequest('VALIDATION_FAILED', refusal, [{ field: 'trafficMode', message: refusal }]);
    const party = await sealParty(this.platform.fields, 'enf_detentions', body.party);
    const row = await inTransaction(this.platform.db, async (tx) => {
      const { row, replayed } = await onceByClientId(
        () =>
          repo.insert(tx, {
            id: body.id,
            ground: body.ground,
            trafficMode: body.trafficMode,
            description: body.description,
            plate: body.plate ?? null,
            ...party,
            storagePlace: body.storagePlace,
            detainedAt: new Date(body.detainedAt),
            violationId: body.violationId ?? null,
            requestDigest: digest,
            ...officerColumns(officer),
          }),
        () => repo.byId(tx, body.id),
        digest,
      );
      if (!replayed)
        await audit(tx, officer.actor, {
          action: 'enforcement.detention',
          targetType: 'enf_detention',
          targetId: row.id,
          details: { ground: body.ground, device: officer.deviceCode },
        });
      return row;
    });
    return this.view(row);
  }

  /** Release after the case is handled; only the detaining department, once. */
  async release(officer: Officer, id: string, r: { releasedAt: string; note: string }) {
    const row = await inTransaction(this.platform.db, async (tx) => {
      const d = await repo.forUpdate(tx, id);
      if (!d || d.departmentId !== officer.principal.department.id) throw notFound('扣留记录');
      if (d.releasedAt) throw conflict('DETENTION_ALREADY_RELEASED', `该扣留已于 ${d.releasedAt.toISOString()} 放行`);
      const released = await repo.release(tx, id, { releasedAt: new Date(r.releasedAt), releaseNote: r.note, releasedBy: officer.principal.user.displayName });
      await audit(tx, officer.actor, { action: 'enforcement.detention-release', targetType: 'enf_detention', targetId: id });
      return released;
    });
    return this.view(row);
  }

  async list(principal: Principal, q: PageFilter) {
    const { rows, total } = await repo.list(this.platform.db, principal, q);
    return { items: await Promise.all(rows.map((r) => this.view(r))), total, page: q.page, pageSize: q.pageSize };
  }

  /** The list as Excel (same scope and days, the party masked), audited with its filters. */
  async export(principal: Principal, actor: Officer['actor'], q: { from?: string | undefined; to?: string | undefined }) {
    await audit(this.platform.db, actor, { action: 'enforcement.detentions.export', targetType: 'enf-detention', details: { filters: q } });
    return detentionsWorkbookStream(viewedRows(repo.stream(this.platform.db, principal, q), (row: DetentionRow) => this.view(row)));
  }

  private async view(row: DetentionRow) {
    const party = await maskedParty(this.platform.fields, 'enf_detentions', row);
    return {
      id: row.id,
      voucherNo: row.voucherNo,
      ground: row.ground,
      groundLabel: DETENTION_GROUNDS[row.ground as DetentionGround] ?? row.ground,
      trafficMode: row.trafficMode,
      trafficModeName: trafficModeName(codeTableOn(shanghaiDate(row.detainedAt)), row.trafficMode),
      description: row.description,
      plate: row.plate,
      partyName: party.name,
      storagePlace: row.storagePlace,
      detainedAt: row.detainedAt.toISOString(),
      releasedAt: row.releasedAt?.toISOString() ?? null,
      officerName: row.officerName,
    };
  }
}
