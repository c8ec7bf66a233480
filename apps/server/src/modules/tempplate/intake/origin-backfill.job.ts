import { audit } from '../../../platform/audit/audit.ts';
import type { StoredJob } from '../../../platform/jobs/jobs.repository.ts';
import type { Platform } from '../../../platform/platform.ts';
import { originNumber } from '../rules/x6-origin-reuse.ts';
import { backfillOriginJob } from '../tempplate.jobs.ts';
import { openInvoice } from './business-record.ts';
import { originBackfillRepository as repo } from './origin-backfill.repository.ts';

/** Businesses per page (one transaction each) and pages per run (then the next run is enqueued from the watermark). */
const PAGE = 500;
const PAGES_PER_RUN = 20;

export interface BackfillPage {
  /** The watermark after this page: the last id it read (the same as before when the page was empty). */
  afterId: number;
  read: number;
  filled: number;
  /** Fewer than a page: the table's end was reached. */
  done: boolean;
}

/**
 * One page of the X6 backfill in one transaction: the next `limit` businesses by id after the watermark; those without
 * `origin_no` but with invoice data get the invoice's number, normalised as the intake does. Idempotent: a number set
 * already (by a run before, or by the intake) is left alone.
 */
export async function backfillOriginPage(platform: Pick<Platform, 'db' | 'fields'>, afterId: number, limit = PAGE): Promise<BackfillPage> {
  return platform.db.transaction(async (tx) => {
    const page = await repo.page(tx, afterId, limit);
    const fills = [];
    for (const row of page) {
      if (!row.invoiceEnc) continue;
      fills.push({ id: row.id, originNo: originNumber((await openInvoice(platform.fields, row.invoiceEnc)).number) });
    }
    const filled = await repo.fill(tx, fills);
    return { afterId: page.at(-1)?.id ?? afterId, read: page.length, filled, done: page.length < limit };
  });
}

/**
 * The backfill job: up to PAGES_PER_RUN pages from the payload's watermark, giving way to the console between pages,
 * then the next run from the new watermark (its key makes a repeated enqueue — a retried run — return the same job).
 * A crash repeats at most the run's pages, which changes nothing the second time.
 */
export function registerOriginBackfill(platform: Platform, size = { page: PAGE, pagesPerRun: PAGES_PER_RUN }): void {
  platform.jobs.register(
    backfillOriginJob,
    async ({ afterId }, ctx) => {
      let watermark = afterId;
      let filled = 0;
      let done = false;
      for (let n = 0; n < size.pagesPerRun && !done; n++) {
        await ctx.giveWay();
        if (ctx.signal.aborted) throw new Error('aborted');
        const page = await backfillOriginPage(platform, watermark, size.page);
        watermark = page.afterId;
        filled += page.filled;
        done = page.done;
        await ctx.progress(n + 1, size.pagesPerRun);
      }
      // each run once: the invoices it opened (a system read of encrypted data) and how far it came
      await audit(platform.db, ctx.actor, { action: 'tempplate.origin.backfill', details: { afterId, watermark, filled, finished: done } });
      ctx.log.info({ afterId, watermark, filled, finished: done }, 'tempplate origin backfill');
      if (!done) {
        await platform.jobs.enqueue(
          platform.db,
          backfillOriginJob,
          { afterId: watermark },
          { idempotencyKey: `tempplate-backfill-origin:${watermark}`, maxAttempts: 20 },
        );
      }
    },
    { timeoutMs: 15 * 60_000 },
  );
}

/**
 * At start: once per database that holds businesses (its key finds the first run again, whichever start enqueued it);
 * an empty table — a new installation — needs none, as the intake stores the number itself.
 */
export async function enqueueOriginBackfill(platform: Platform): Promise<StoredJob | null> {
  if (!(await repo.any(platform.db))) return null;
  return platform.jobs.enqueue(platform.db, backfillOriginJob, { afterId: 0 }, { idempotencyKey: 'tempplate-backfill-origin:0', maxAttempts: 20 });
}
