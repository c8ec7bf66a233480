import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ExchangeDaySchema } from '@shtp/core/roadworks';
import type { z } from 'zod';
import type { ExchangeManifest, InsuranceExchangePort } from '../../../integrations/insurance-exchange/insurance-exchange.port.ts';
import type { Actor } from '../../../platform/audit/actor.ts';
import { audit } from '../../../platform/audit/audit.ts';
import { AppError, conflict, notFound } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/rbac/rbac.repository.ts';
import type { EbikeApi } from '../../ebike/ebike.api.ts';
import { exchangeJob } from '../roadworks.jobs.ts';
import { exchangeActions, resendRefusal, UNCONFIGURED } from './exchange.policy.ts';
import { type ExchangeRow, exchangeRepository as repo } from './exchange.repository.ts';
import { responseFile } from './response-file.ts';

/**
 * How long a request is held by the process answering it: beyond the job's time limit (5 min; the attempt then
 * aborts and settles), so a live lease only outlasts its attempt when the process died mid-file.
 */
export const LEASE_MS = 10 * 60_000;

/**
 * R3 保险公司机动车增量数据交换: the vehicle data is the e-bike module's registrations (the only vehicle register of
 * this platform), read through ebike.api.ts — vehicle items only, no owner. Each request's response is rebuilt from
 * its window on every attempt and streamed page by page (responseFile), so a failure mid-file is answered by sending
 * the whole file again, replacing the broken one: never a record twice, none lost, across restarts too (the
 * request's state is in rw_exchange_requests, and a response whose ok marker is already there is not sent again).
 */
export class ExchangeService {
  /** This process's name on the leases it takes (several server processes may run the job at once). */
  private readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly platform: Platform,
    private readonly port: InsuranceExchangePort,
    private readonly ebike: () => EbikeApi,
    private readonly pageSize = 5000,
  ) {}

  async run(actor: Actor, signal?: AbortSignal): Promise<{ sent: number; failed: number }> {
    const db = this.platform.db;
    const pending = await this.port.pendingRequests();
    await repo.insertNew(
      db,
      pending.map((r) => ({ name: r.name, requestId: r.requestId, windowFrom: r.from ? new Date(r.from) : null, windowTo: r.to ? new Date(r.to) : null })),
    );
    let sent = 0;
    let failed = 0;
    for (const open of await repo.open(db)) {
      // Answered by one process at a time: a request another process holds is left to it.
      const row = await repo.lease(db, open.id, this.owner, LEASE_MS);
      if (!row) continue;
      if (await this.answer(row, signal)) sent++;
      else failed++;
    }
    if (sent + failed > 0) await audit(db, actor, { action: 'roadworks.exchange.run', targetType: 'insurance-exchange', details: { sent, failed } });
    return { sent, failed };
  }

  private async answer(row: ExchangeRow, signal?: AbortSignal): Promise<boolean> {
    const db = this.platform.db;
    if (!row.windowFrom || !row.windowTo || row.windowFrom >= row.windowTo || !row.requestId) {
      await this.port.rejectRequest(row.name, '请求文件无效：须含 requestId 与有效的 from、to 时间').catch(() => undefined);
      await repo.settle(db, row.id, this.owner, { status: 'rejected', error: '请求文件无效', attempt: true });
      return false;
    }
    try {
      // Answered before a crash took our record of it: take the association's copy, never send it twice.
      const done = await this.port.answered(row.name);
      if (done) {
        await repo.settle(db, row.id, this.owner, { status: 'sent', recordCount: done.count, sm3: done.sm3, error: null, sentAt: new Date() });
        return true;
      }
      const window = { from: row.windowFrom, to: row.windowTo };
      const file = responseFile((after, limit) => this.ebike().registrations(window, after, limit), this.pageSize, signal);
      let manifest: ExchangeManifest | undefined;
      await this.port.sendResponse(row.name, file.chunks, () => {
        manifest = { requestId: row.requestId, count: file.count(), sm3: file.sm3(), producedAt: new Date().toISOString() };
        return manifest;
      });
      if (!manifest) throw new Error('交换端未写入清单');
      await repo.settle(db, row.id, this.owner, {
        status: 'sent',
        recordCount: manifest.count,
        sm3: manifest.sm3,
        error: null,
        sentAt: new Date(),
        attempt: true,
      });
      return true;
    } catch (err) {
      await repo.settle(db, row.id, this.owner, { status: 'failed', error: (err as Error).message.slice(0, 300), attempt: true });
      return false;
    }
  }

  /** A failed request answered again now (the scheduled run would also retry it). */
  async resend(principal: Principal, actor: Actor, id: number): Promise<void> {
    const row = await repo.byId(this.platform.db, id);
    if (!row) throw notFound('交换请求');
    if (!this.port.configured) throw new AppError(503, 'EXCHANGE_UNCONFIGURED', UNCONFIGURED);
    const refused = resendRefusal(row, true);
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
      configured: this.port.configured,
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
        actions: exchangeActions(principal, r, this.port.configured),
      })),
    };
  }
}
