import type { FastifyInstance } from 'fastify';
import type { Zone } from '../platform/config/config.ts';
import type { Platform } from '../platform/platform.ts';
import { ebikeModule } from './ebike/ebike.module.ts';
import { recognitionModule } from './recognition/recognition.module.ts';
import { systemRoutes } from './system/system.routes.ts';

/**
 * A business module: which zones mount it, what it declares on the platform at start (permissions,
 * parameters, dictionaries, jobs — synchronously, before the app is built), and its routes.
 */
export interface AppModule {
  name: string;
  zones: readonly Zone[];
  setup?(platform: Platform): void;
  routes(app: FastifyInstance, opts: { platform: Platform }): Promise<void>;
}

/** Every module of the system; add a new one here. */
export const MODULES: readonly AppModule[] = [{ name: 'system', zones: ['police', 'internet'], routes: systemRoutes }, recognitionModule, ebikeModule];

/** The modules of this deployment's zone, after their declarations on the platform. */
export function setupModules(platform: Platform, all: readonly AppModule[] = MODULES): AppModule[] {
  const mounted = all.filter((m) => m.zones.includes(platform.config.zone));
  for (const m of mounted) m.setup?.(platform);
  return mounted;
}
