import type { Platform } from '../../platform/platform.ts';
import type { AppModule } from '../modules.ts';
import { recognitionParams } from './recognition.params.ts';
import { RECOGNITION_PERMISSIONS } from './recognition.permissions.ts';
import { recognitionRoutes } from './recognition.routes.ts';

/** 图像识别 (T13–T21, P1): offline OCR of plates and ID documents as an API; police zone only. */
export const recognitionModule: AppModule = {
  name: 'recognition',
  zones: ['police'],
  setup(platform: Platform) {
    platform.permissions.register(RECOGNITION_PERMISSIONS);
    platform.params.register(...(Object.values(recognitionParams) as never[]));
  },
  routes: recognitionRoutes,
};
