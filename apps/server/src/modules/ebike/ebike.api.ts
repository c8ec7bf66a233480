import type { Platform } from '../../platform/platform.ts';
import { ebikeParams } from './ebike.params.ts';
import { type RegistrationItem, registrationsRepository } from './registrations.repository.ts';

export type { RegistrationItem };

/** What other modules may ask the e-bike module. */
export interface EbikeApi {
  /** The e-bike plate shapes in force (parameter `ebike.plate.patterns`): recognition reads e-bike plates with them. */
  platePatterns(): Promise<string[]>;
  /**
   * Vehicles registered in [from, to), in pages by id after `afterId` (the insurance-association exchange of
   * 道路施工 R3): vehicle items only, no owner; records with a security label above 'internal' are left out.
   */
  registrations(window: { from: Date; to: Date }, afterId: number, limit: number): Promise<RegistrationItem[]>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    ebike: EbikeApi;
  }
}

export function ebikeApi(platform: Platform): EbikeApi {
  return {
    platePatterns: () => platform.params.get(ebikeParams.platePatterns),
    registrations: (window, afterId, limit) => registrationsRepository.page(platform.db, window, afterId, limit),
  };
}
