import type { PermissionNode } from '@shtp/core/platform';
import type { FastifyInstance } from 'fastify';
import type { Zone } from '../platform/config/config.ts';
import type { ParamDefinition } from '../platform/params/param-definition.ts';
import type { Platform } from '../platform/platform.ts';

/**
 * The APIs modules offer each other, by module name. Each module's `<m>.api.ts` adds its entry by declaration
 * merging (`declare module '../app-module.ts' { interface ModuleApis { system: SystemApi } }`), so a module calls
 * another through a typed interface and never imports its services or tables.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each <m>.api.ts
export interface ModuleApis {}

/** External systems a module talks to, created once per app before its jobs and routes. */
export interface Connected<Ports> {
  ports: Ports;
  close(): Promise<void>;
}

/** What a module's jobs, API, routes and start/stop receive. */
export interface ModuleContext<Ports = unknown> {
  platform: Platform;
  ports: Ports;
  /** Other modules' APIs; read them when called, not at definition time (modules start in list order). */
  apis: Partial<ModuleApis>;
}

/**
 * A business module (docs/adr/0014-module-contract.md, modules/README.md). Every part is optional but the name and
 * zones; the order below is the order in which the app uses them at start-up.
 */
export interface AppModule<Ports = unknown, Api = unknown> {
  name: string;
  /** The deployment zones that mount this module (ZONE=police | internet). */
  zones: readonly Zone[];
  /** The module's permission catalogue, and the permissions it proposes for built-in business roles. */
  permissions?: { catalogue: PermissionNode; proposals?: Readonly<Record<string, readonly string[]>> };
  /** System parameters the module reads (declared in `<m>.params.ts`). */
  params?: readonly ParamDefinition<unknown>[];
  /**
   * Chinese names of the audit actions the module writes (from its core entry, e.g. `EBIKE_AUDIT_ACTIONS`) and of the
   * group they appear under in the console's 操作 filter; an unnamed action shows as its code.
   */
  auditActions?: { label: string; actions: Readonly<Record<string, string>> };
  /** Other declarations on the platform: encrypted columns, signed record types, dictionaries. Synchronous. */
  declare?(platform: Platform): void;
  /** Creates the module's ports from their integrations' own config readers (`xxxConfig(env)`). */
  connect?(platform: Platform): Promise<Connected<Ports>>;
  /** Registers job handlers (descriptors live in the leaf `<m>.jobs.ts`). */
  jobs?(ctx: ModuleContext<Ports>): void;
  /** The interface other modules call (`<m>.api.ts`). */
  api?(ctx: ModuleContext<Ports>): Api;
  /** HTTP routes, in the module's own plugin scope. */
  routes?(app: FastifyInstance, ctx: ModuleContext<Ports>): Promise<void>;
  /** After the app is ready (e.g. enqueue a first-start job). */
  start?(ctx: ModuleContext<Ports>): Promise<void>;
  /** Before the ports close and the database closes. */
  stop?(ctx: ModuleContext<Ports>): Promise<void>;
}

/** Declares a module; the identity function that gives the definition its types. */
export function defineModule<Ports = undefined, Api = undefined>(definition: AppModule<Ports, Api>): AppModule<Ports, Api> {
  return definition;
}

/** Another module's API, or an error naming the module the deployment lacks (a wiring mistake, not user input). */
export function requireApi<K extends keyof ModuleApis>(apis: Partial<ModuleApis>, name: K): ModuleApis[K] {
  const api = apis[name];
  if (!api) throw new Error(`module ${String(name)} is not mounted in this zone`);
  return api;
}

/** A module mounted in this app, with its context. */
export interface MountedModule {
  definition: AppModule<unknown, unknown>;
  context: ModuleContext<unknown>;
  close(): Promise<void>;
}

/** The mounted modules of one app: what buildApp registers and what shutdown stops. */
export interface ModuleSet {
  mounted: readonly MountedModule[];
  apis: Partial<ModuleApis>;
  registerRoutes(app: FastifyInstance): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Only the declarations of this zone's modules (permissions, parameters, encrypted columns, signed record types):
 * enough for tools that check or rewrite data without serving it (restore verification). Returns the modules.
 */
export function declareModules(platform: Platform, all: readonly AppModule<unknown, unknown>[]): AppModule<unknown, unknown>[] {
  const definitions = all.filter((m) => m.zones.includes(platform.config.zone));
  const names = new Set<string>();
  for (const m of definitions) {
    if (names.has(m.name)) throw new Error(`module ${m.name} listed twice`);
    names.add(m.name);
    if (m.permissions) {
      platform.permissions.register(m.permissions.catalogue);
      for (const [role, codes] of Object.entries(m.permissions.proposals ?? {})) platform.permissions.proposeForRole(role, [...codes]);
    }
    if (m.params) platform.params.register(...m.params);
    if (m.auditActions) platform.auditActions.register({ module: m.name, label: m.auditActions.label, actions: { ...m.auditActions.actions } });
    m.declare?.(platform);
  }
  return definitions;
}

/**
 * Mounts the modules of this deployment's zone: declarations first (all modules, so permissions and parameters are
 * complete before anything reads them), then ports, jobs and APIs. A failure closes what was already connected.
 */
export async function mountModules(platform: Platform, all: readonly AppModule<unknown, unknown>[]): Promise<ModuleSet> {
  const definitions = declareModules(platform, all);

  const apis: Partial<ModuleApis> = {};
  const mounted: MountedModule[] = [];
  try {
    for (const definition of definitions) {
      const connected = definition.connect ? await definition.connect(platform) : { ports: undefined, close: async () => {} };
      const context: ModuleContext<unknown> = { platform, ports: connected.ports, apis };
      mounted.push({ definition, context, close: connected.close });
      definition.jobs?.(context);
      if (definition.api) (apis as Record<string, unknown>)[definition.name] = definition.api(context);
    }
  } catch (err) {
    for (const m of mounted.reverse()) await m.close().catch(() => {});
    throw err;
  }

  let stopped = false;
  return {
    mounted,
    apis,
    async registerRoutes(app) {
      for (const m of mounted) {
        const routes = m.definition.routes;
        if (routes) await app.register(async (scope) => routes(scope, m.context));
      }
    },
    async start() {
      for (const m of mounted) await m.definition.start?.(m.context);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const m of [...mounted].reverse()) {
        await m.definition.stop?.(m.context);
        await m.close();
      }
    },
  };
}
