import { BusinessIntakeSchema } from '@shtp/core/tempplate';
import type { VehicleAdminPort } from '../../../integrations/vehicle-admin/vehicle-admin.port.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { EnforcementApi } from '../../enforcement/enforcement.api.ts';
import type { RecognitionApi } from '../../recognition/recognition.api.ts';
import { IntakeService } from '../intake/intake.service.ts';
import { demoIntakeJob } from '../tempplate.jobs.ts';
import { withInvoiceImages } from './demo-images.ts';

const PAGE = 100;

/**
 * The simulated 车驾管 year of a development database: 2025, mostly in 黄浦 (where the demo accounts work) and its
 * brigades, some in two other districts; anomalies injected by the test kit's generator (imported only when the
 * simulator first serves, never in production).
 */
export async function demoFeed(count: number): Promise<unknown[]> {
  const kit = await import('@shtp/testkit');
  const year = kit.tempPlateYear(20261202, {
    count,
    year: 2025,
    departmentCodes: ['310101000000', '310101010000', '310101020000', '310101030000', '310104000000', '310115000000'],
  });
  return withInvoiceImages([...year].map((x) => x.business).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)));
}

/** Takes one page of the feed through the intake (evaluated at once), then enqueues the next page. */
export function registerDemoIntake(
  platform: Platform,
  port: VehicleAdminPort,
  recognition: () => RecognitionApi | undefined,
  enforcement: () => EnforcementApi | undefined,
): void {
  const intake = new IntakeService(platform, recognition, enforcement);
  platform.jobs.register(demoIntakeJob, async ({ cursor }, ctx) => {
    const page = await port.tempPlatesAfter(cursor, PAGE);
    let refused = 0;
    for (const raw of page.items) {
      await ctx.giveWay();
      const parsed = BusinessIntakeSchema.safeParse(raw);
      if (!parsed.success) refused += 1;
      else await intake.receive(ctx.actor, parsed.data);
      if (ctx.signal.aborted) throw new Error('aborted');
    }
    if (refused) ctx.log.warn({ refused }, 'tempplate demo intake: items refused by validation');
    if (page.next !== null) {
      await platform.jobs.enqueue(platform.db, demoIntakeJob, { cursor: page.next }, { idempotencyKey: `tempplate-demo-intake:${page.next}`, maxAttempts: 20 });
    }
  });
}
