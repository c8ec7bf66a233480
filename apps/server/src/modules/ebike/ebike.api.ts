import type { Platform } from '../../platform/platform.ts';
import { ebikeParams } from './ebike.params.ts';

/** What other modules may ask the e-bike module. */
export interface EbikeApi {
  /** The e-bike plate shapes in force (parameter `ebike.plate.patterns`): recognition reads e-bike plates with them. */
  platePatterns(): Promise<string[]>;
}

declare module '../app-module.ts' {
  interface ModuleApis {
    ebike: EbikeApi;
  }
}

export function ebikeApi(platform: Platform): EbikeApi {
  return { platePatterns: () => platform.params.get(ebikeParams.platePatterns) };
}
