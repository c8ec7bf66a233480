import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_BEFORE, registerDemoPopulation, seedLegacyDemo } from '../../src/modules/ebike/demo/demo-population.ts';
import { demoPopulationJob } from '../../src/modules/ebike/ebike.jobs.ts';
import { nmVehicles } from '../../src/modules/ebike/ebike.table.ts';
import { INDEX_KIND, openOwner } from '../../src/modules/ebike/vehicle-record.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { JobQueue } from '../../src/platform/jobs/job-queue.ts';
import { createTestApp, type TestContext } from '../test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const TOTAL = 250;

describe('demo population', () => {
  it('fills the vehicles with encrypted owners and signed ledger entries off the request thread, reporting its progress', async () => {
    const db = ctx.database.db;
    // Its own queue, as in a development server (the test app does not register the demo job).
    const jobs = new JobQueue(db, ctx.platform.params);
    registerDemoPopulation({ ...ctx.platform, jobs });
    const job = await jobs.enqueue(db, demoPopulationJob, { total: TOTAL, seed: 7 });

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    expect(await jobs.runOnce()).toBe(1);
    delay.disable();
    // Printed, not asserted: a figure of the machine and its load as much as of the code.
    console.log(
      `event-loop delay during the demo population of ${TOTAL}: p50 ${ms(delay.percentile(50))} p99 ${ms(delay.percentile(99))} max ${ms(delay.max)}`,
    );

    const [row] = await queryRows<{ state: string; progress_done: number; progress_total: number }>(
      db,
      sql`select state, progress_done, progress_total from jobs where id = ${job.id}`,
    );
    expect(row).toEqual({ state: 'succeeded', progress_done: TOTAL, progress_total: TOTAL });
    const [counts] = await queryRows<{ vehicles: number; orphans: number; unsigned: number }>(
      db,
      sql`select (select count(*)::int from nm_vehicles) as vehicles,
                 (select count(*)::int from ebike_businesses b where not exists (select 1 from nm_vehicles v where v.id = b.vehicle_id)) as orphans,
                 (select count(*)::int from ebike_businesses where signature is null) as unsigned`,
    );
    expect(counts).toEqual({ vehicles: TOTAL, orphans: 0, unsigned: 0 });
    // The owners were encrypted and indexed on the worker threads: they open, and their blind index finds them.
    const [vehicle] = await db.select().from(nmVehicles).limit(1);
    const owner = await openOwner(ctx.platform.fields, vehicle!);
    expect(owner.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(vehicle!.ownerIdIdx).toBe(await ctx.platform.fields.blindIndex(owner.idNumber, INDEX_KIND.id));
    // Every ledger entry signed on the worker threads verifies like one signed in a request.
    const sweep = await ctx.platform.signer.verifyAll(db);
    expect(sweep.checked).toBeGreaterThanOrEqual(TOTAL);
    expect(sweep.invalid).toEqual([]);
  });

  it('adds the paper-era registrations once, cancelled and signed, beside the population (which does not count them)', async () => {
    const db = ctx.database.db;
    await seedLegacyDemo(ctx.platform);
    await seedLegacyDemo(ctx.platform); // a restart: nothing more
    const legacy = await queryRows<{ cancelled: boolean; plate: string | null; department: string; businesses: number }>(
      db,
      sql`select v.cancelled, p.plate, d.code as department, (select count(*)::int from ebike_businesses b where b.vehicle_id = v.id) as businesses
            from nm_vehicles v join departments d on d.id = v.department_id left join ebike_plates p on p.vehicle_id = v.id
           where v.registered_at < ${LEGACY_BEFORE.toISOString()}::timestamptz`,
    );
    expect(legacy).toHaveLength(3);
    expect(legacy.every((v) => v.cancelled && v.plate === null && v.department === '310101000000' && v.businesses === 2)).toBe(true);
    // The population resumes by its own count: a job for more vehicles adds exactly the missing ones.
    const jobs = new JobQueue(db, ctx.platform.params);
    registerDemoPopulation({ ...ctx.platform, jobs });
    await jobs.enqueue(db, demoPopulationJob, { total: TOTAL + 5, seed: 7 });
    expect(await jobs.runOnce()).toBe(1);
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from nm_vehicles`)) as [{ n: number }];
    expect(n).toBe(TOTAL + 5 + 3);
  });
});

const ms = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;
