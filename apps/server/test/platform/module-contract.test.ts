import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AppModule, defineModule } from '../../src/modules/app-module.ts';
import { MODULES } from '../../src/modules/modules.ts';
import { queryRows } from '../../src/platform/db/client.ts';
import { defineJob } from '../../src/platform/jobs/job-type.ts';
import { defineParam } from '../../src/platform/params/param-definition.ts';
import { createTestApp, loginFresh, type TestContext } from '../test-app.ts';

/**
 * The module contract (docs/adr/0014-module-contract.md): a module with no routes registers and starts; its
 * permissions, parameters, ports, jobs and API reach the platform in that order; stop closes its ports.
 */
const events: string[] = [];
const pingJob = defineJob('skeleton.ping', z.strictObject({ n: z.number().int() }));
const threshold = defineParam.number({
  key: 'skeleton.threshold',
  module: '骨架模块',
  label: '阈值',
  description: '示例参数',
  defaultValue: 3,
  min: 1,
  max: 9,
});

declare module '../../src/modules/app-module.ts' {
  interface ModuleApis {
    skeleton: { ping(): Promise<string> };
  }
}

/** A copy of the skeleton in apps/server/src/modules/README.md: no routes, a port, a job, an API. */
const skeleton = defineModule<{ clock: { now(): number } }, { ping(): Promise<string> }>({
  name: 'skeleton',
  zones: ['police'],
  permissions: { catalogue: { code: 'skeleton', name: '骨架模块', type: 'menu', children: [] }, proposals: { supervisor: ['skeleton'] } },
  params: [threshold],
  async connect() {
    events.push('connect');
    return { ports: { clock: { now: () => 42 } }, close: async () => void events.push('close') };
  },
  jobs({ platform, ports }) {
    events.push('jobs');
    platform.jobs.register(pingJob, async ({ n }) => void events.push(`ping ${n} at ${ports.clock.now()}`));
  },
  api: ({ platform }) => ({ ping: async () => `threshold ${await platform.params.get(threshold)}` }),
  async start({ platform }) {
    events.push('start');
    await platform.jobs.enqueue(platform.db, pingJob, { n: 1 });
  },
  async stop() {
    events.push('stop');
  },
});

/** A later module reaches the skeleton only through its API. */
const consumer = defineModule({
  name: 'consumer',
  zones: ['police'],
  async start({ apis }) {
    events.push(`consumer sees ${await apis.skeleton?.ping()}`);
  },
});

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ modules: [...MODULES, skeleton as AppModule<unknown, unknown>, consumer as AppModule<unknown, unknown>] });
});
afterAll(async () => {
  await ctx?.close();
});

describe('the module contract', () => {
  it('a module with no routes registers its declarations, connects, registers jobs, offers an API and starts', async () => {
    expect(events.slice(0, 4)).toEqual(['connect', 'jobs', 'start', 'consumer sees threshold 3']);
    const sec = await loginFresh(ctx, 'secadmin');
    const tree = (await ctx.app.inject({ method: 'GET', url: '/api/system/permissions', headers: sec.headers })).json() as { code: string }[];
    expect(tree.map((n) => n.code)).toContain('skeleton');
    const sys = await loginFresh(ctx, 'sysadmin');
    const params = (await ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: sys.headers })).json() as { key: string }[];
    expect(params.map((p) => p.key)).toContain('skeleton.threshold');
    await ctx.platform.jobs.drain();
    expect(events).toContain('ping 1 at 42');
    const [grant] = await queryRows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from role_permissions rp join roles r on r.id = rp.role_id where r.code = 'supervisor' and rp.permission = 'skeleton'`,
    );
    expect(grant!.n).toBe(1);
  });

  it('every listed module has a unique name and runs in at least one zone', () => {
    expect(new Set(MODULES.map((m) => m.name)).size).toBe(MODULES.length);
    for (const m of MODULES) expect(m.zones.length, m.name).toBeGreaterThan(0);
  });

  it('closing the app stops the modules and closes their ports, once', async () => {
    await ctx.app.close();
    expect(events.filter((e) => e === 'stop' || e === 'close')).toEqual(['stop', 'close']);
    await ctx.modules.stop();
    expect(events.filter((e) => e === 'stop' || e === 'close')).toEqual(['stop', 'close']);
  });
});
