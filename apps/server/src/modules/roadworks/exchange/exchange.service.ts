import type { ExchangeDaySchema } from '@shtp/core/roadworks';
import { sm3Hex } from '@shtp/gm';
import type { z } from 'zod';
import type { InsuranceExchangePort } from '../../../integrations/insurance-exchange/insurance-exchange.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import { exchangeJob } from '../roadworks.jobs.ts';
import { exchangeActions, resendRefusal } from './exchange.policy.ts';
import { type ExchangeRow, exchangeRepository as repo } from './exchange.repository.ts';

const PAGE = 5000;

/**
 * R3 保险公司机动车增量数据交换: the vehicle data is the e-bike module's registrations (the only vehicle register of
 * this platform), read through ebike.api.ts — vehicle items only, no owner. Each request's response is rebuilt from
 * its window on every attempt, so a failure mid-file is answered by sending the same file again: never a record
 * twice, none lost, across restarts too (the request's state is in rw_exchange_requests).
 */
export class ExchangeService {
  constructor(
    private readonly platform: Platform,
    private readonly port: InsuranceExchangePort,
    private readonly ebike: () => EbikeApi,
  ) {}

  async run(actor: Actor): Promise<{ sent: number; failed: number }> {
    const db = this.platform.db;
    const pending = await this.port.pendingRequests();
    await repo.insertNew(
      db,
      pending.map((r) => ({ name: r.name, requestId: r.requestId, windowFrom: r.from ? new Date(r.from) : null, windowTo: r.to ? new Date(r.to) : null })),
    );
    let sent = 0;
    let failed = 0;
    for (const row of await repo.open(db)) {
      if (await this.answer(row)) sent++;
      else failed++;
    }
    if (sent + failed > 0) await audit(db, actor, { action: 'roadworks.exchange.run', targetType: 'insurance-exchange', details: { sent, failed } });
    return { sent, failed };
  }

  private async answer(row: ExchangeRow): Promise<boolean> {
    const db = this.platform.db;
    if (!row.windowFrom || !row.windowTo || row.windowFrom >= row.windowTo || !row.requestId) {
      await this.port.rejectRequest(row.name, '请求文件无效：须含 requestId 与有效的 from、to 时间').catch(() => undefined);
      await repo.set(db, row.id, { status: 'rejected', error: '请求文件无效', attempt: true });
      return false;
    }
    try {
      const lines: string[] = [];
      for (let after = 0; ; ) {
        const page = await this.ebike().registrations({ from: row.windowFrom, to: row.windowTo }, after, PAGE);
        for (const r of page) lines.push(JSON.stringify(r));
        if (page.length < PAGE) break;
        after = page[page.length - 1]!.id;
      }
      const data = Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
      const manifest = { requestId: row.requestId, count: lines.length, sm3: sm3Hex(data), producedAt: new Date().toISOString() };
      await this.port.sendResponse(row.name, data, manifest);
      await repo.set(db, row.id, { status: 'sent', recordCount: lines.length, sm3: manifest.sm3, error: null, sentAt: new Date(), attempt: true });
      return true;
    } catch (err) {
      await repo.set(db, row.id, { status: 'failed', error: (err as Error).message.slice(0, 300), attempt: true });
      return false;
    }
  }

  /** A failed request answered again now (the scheduled run would also retry it). */
  async resend(principal: Principal, actor: Actor, id: number): Promise<void> {
    const row = await repo.byId(this.platform.db, id);
    if (!row) throw notFound('交换请求');
    const refused = resendRefusal(row);
    if (refused) throw conflict('EXCHANGE_REFUSED', refused);
    await this.platform.jobs.enqueue(this.platform.db, exchangeJob, {}, { idempotencyKey: `roadworks-exchange-resend:${id}:${row.attempts}` });
    await audit(this.platform.db, actor, {
      action: 'roadworks.exchange.resend',
      targetType: 'insurance-exchange',
      targetId: row.name,
      details: { by: principal.user.username },
    });
  }

  /** The reconciliation view of one day (Asia/Shanghai): each request, its count, digest and state. */
  async day(principal: Principal, date: string): Promise<z.infer<typeof ExchangeDaySchema>> {
    const from = new Date(`${date}T00:00:00+08:00`);
    const rows = await repo.ofDay(this.platform.db, from, new Date(from.getTime() + 86_400_000));
    const counts = { received: 0, sent: 0, failed: 0, rejected: 0 };
    for (const r of rows) counts[r.status as keyof typeof counts]++;
    return {
      date,
      counts,
      records: rows.reduce((n, r) => n + (r.status === 'sent' ? (r.recordCount ?? 0) : 0), 0),
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        requestId: r.requestId,
        windowFrom: r.windowFrom?.toISOString() ?? null,
        windowTo: r.windowTo?.toISOString() ?? null,
        status: r.status as 'received' | 'sent' | 'failed' | 'rejected',
        recordCount: r.recordCount,
        sm3: r.sm3,
        attempts: r.attempts,
        error: r.error,
        receivedAt: r.receivedAt.toISOString(),
        sentAt: r.sentAt?.toISOString() ?? null,
        actions: exchangeActions(principal, r),
      })),
    };
  }
}
