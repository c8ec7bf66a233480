import { maskCode, maskIdNumber, maskName } from '@shtp/core/masking';
import type { CitizenAccount, CitizenAccountQuery, CitizenIdentity } from '@shtp/core/payments';
import { normalisePersonName } from '@shtp/core/validators';
import { type Actor, systemActor } from '../../platform/audit/actor.ts';
import { audit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { citizenAccountRepository as repo } from './citizen-account.repository.ts';
import { CITIZEN_ID_CONTEXT, CITIZEN_ID_INDEX, CITIZEN_NAME_CONTEXT, CITIZEN_NAME_INDEX } from './citizen-query.service.ts';

/** G5 互认本地用户 for the internet zone's administrator: masked, paged, found by the ID number's blind index, every read audited. */
export class CitizenAccounts {
  constructor(private readonly platform: Platform) {}

  async list(q: CitizenAccountQuery, actor: Actor): Promise<{ items: CitizenAccount[]; total: number }> {
    const { fields } = this.platform;
    const idNumberIdx = q.idNumber === undefined ? undefined : await fields.blindIndex(q.idNumber, CITIZEN_ID_INDEX);
    const nameIdx = q.name === undefined ? undefined : await fields.blindIndex(normalisePersonName(q.name), CITIZEN_NAME_INDEX);
    const { items, total } = await repo.list(this.platform.db, { idNumberIdx, nameIdx, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const answer: CitizenAccount[] = [];
    for (const a of items) {
      answer.push({
        id: a.id,
        idNumber: maskIdNumber(await fields.decrypt(a.idNumberEnc, CITIZEN_ID_CONTEXT)) ?? '',
        citizenName: a.nameEnc ? maskName(await fields.decrypt(a.nameEnc, CITIZEN_NAME_CONTEXT)) : null,
        createdAt: a.createdAt.toISOString(),
        identities: a.identities,
        lastAssertedAt: a.lastAssertedAt?.toISOString() ?? null,
      });
    }
    // The searched number or name is never written to the audit log: only that one was searched, and what was found.
    await audit(this.platform.db, actor, {
      action: 'payments.citizen-accounts',
      targetType: 'citizen-account',
      targetId: idNumberIdx && items[0] ? items[0].id : undefined,
      details: { byIdNumber: idNumberIdx !== undefined, ...(nameIdx ? { byName: true } : {}), page: q.page, found: items.length, total },
    });
    return { items: answer, total };
  }

  /** The 随申办 identities of one account, openids masked; the read is audited with the account as its target. */
  async identities(accountId: number, actor: Actor): Promise<CitizenIdentity[]> {
    const db = this.platform.db;
    if (!(await repo.exists(db, accountId))) throw notFound('互认本地用户');
    const rows = await repo.identities(db, accountId);
    await audit(db, actor, { action: 'payments.citizen-identities', targetType: 'citizen-account', targetId: accountId, details: { found: rows.length } });
    return rows.map((r) => ({ openid: maskCode(r.openid) ?? '', filedAt: r.filedAt.toISOString(), lastAssertedAt: r.lastAssertedAt.toISOString() }));
  }

  /** At start: indexes the names of accounts filed before names were indexed, in batches; audited once when any were. */
  async indexNames(): Promise<number> {
    const { db, fields } = this.platform;
    let indexed = 0;
    for (let batch = await repo.unindexedNames(db, 500); batch.length > 0; batch = await repo.unindexedNames(db, 500)) {
      for (const a of batch) {
        const name = await fields.decrypt(a.nameEnc!, CITIZEN_NAME_CONTEXT);
        await repo.setNameIdx(db, a.id, await fields.blindIndex(normalisePersonName(name), CITIZEN_NAME_INDEX));
      }
      indexed += batch.length;
    }
    if (indexed > 0)
      await audit(db, systemActor('citizen name index at start-up'), {
        action: 'payments.citizen-names-indexed',
        targetType: 'citizen-account',
        details: { indexed },
      });
    return indexed;
  }
}
