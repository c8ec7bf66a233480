import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from './app.ts';
import { type AppModule, type ModuleSet, mountModules } from './modules/app-module.ts';
import { MODULES } from './modules/modules.ts';
import type { Config } from './platform/config/config.ts';
import type { Database } from './platform/db/client.ts';
import { type DemoAccount, seedDemo } from './platform/demo/demo-seed.ts';
import { createPlatform, type Platform } from './platform/platform.ts';
import { syncBuiltInRoleGrants } from './platform/rbac/permission-sync.ts';

export interface BootOptions {
  /** The modules to mount (default: all of MODULES that this zone runs). */
  modules?: readonly AppModule<unknown, unknown>[];
  /**
   * Outside production, create the demo organisation and accounts on a new database: their passwords go to
   * `dataDir` (null: nowhere, for tests), hashed with `iterations` (default: the parameter's value).
   */
  demo?: { dataDir: string | null; iterations?: number };
  logger?: boolean;
  logStream?: DestinationStream;
}

export interface Booted {
  platform: Platform;
  modules: ModuleSet;
  app: FastifyInstance;
  /** The demo accounts created by this start (none when the database already had them). */
  accounts: DemoAccount[];
}

/**
 * The one start-up sequence of the server, shared by main.ts and the tests: platform, modules (declarations,
 * ports, jobs, APIs), declared rows, demo data, built-in grants, integrity baseline, then the app, ready, with
 * each module started. Migrations, the data-dir lock and listening stay with the caller.
 */
export async function bootstrap(config: Config, database: Database, migration: string, opts: BootOptions = {}): Promise<Booted> {
  const platform = createPlatform(config, database, migration);
  const modules = await mountModules(platform, opts.modules ?? MODULES);
  try {
    await platform.dict.ensureDeclared();
    await platform.keys.ensureDeclared();
    await platform.jobs.schedules.ensureDeclared();
    let accounts: DemoAccount[] = [];
    if (config.env !== 'production' && opts.demo) {
      const iterations = opts.demo.iterations ?? (await platform.params.get(platform.authParams.iterations));
      accounts = (await seedDemo(database.db, opts.demo.dataDir, iterations, (role) => platform.permissions.proposedFor(role), config.zone)) ?? [];
    }
    // Permissions added since the last start reach the built-in roles (an older database keeps working as features arrive).
    await syncBuiltInRoleGrants(database.db, platform.permissions, platform.integrity);
    await platform.integrity.ensureBaseline(database.db);
    const app = await buildApp(platform, modules, { logger: opts.logger, logStream: opts.logStream });
    await app.ready();
    // Sessions are cached only while the database's notifications are heard (stopped by the app's onClose hook).
    await platform.auth.start();
    await modules.start();
    return { platform, modules, app, accounts };
  } catch (err) {
    await platform.auth.stop();
    await modules.stop();
    throw err;
  }
}
