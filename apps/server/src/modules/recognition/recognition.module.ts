import type { Platform } from '../../platform/platform.ts';
import type { AppModule } from '../modules.ts';
import { documentParams } from './documents.params.ts';
import { documentRoutes } from './documents.routes.ts';
import { recognitionParams } from './recognition.params.ts';
import { RECOGNITION_PERMISSIONS, RP } from './recognition.permissions.ts';
import { recognitionRoutes } from './recognition.routes.ts';

/** 图像识别 (T13–T21, P1): offline OCR of plates, ID documents, invoices and certificates as an API; police zone only. */
export const recognitionModule: AppModule = {
  name: 'recognition',
  zones: ['police'],
  setup(platform: Platform) {
    platform.permissions.register(RECOGNITION_PERMISSIONS);
    // The supervisor reviews temporary-plate cases in the 识别工作台 (applied by the demo seed to a new database).
    platform.permissions.proposeForRole('supervisor', [
      RP.menu,
      RP.workbench,
      RP.plate,
      RP.idNumber,
      RP.idCard,
      RP.invoice,
      RP.licence,
      RP.importCertificate,
      RP.classify,
      RP.materials,
      RP.recapture,
    ]);
    platform.params.register(...(Object.values(recognitionParams) as never[]), ...(Object.values(documentParams) as never[]));
  },
  // One plugin scope: multipart, registered by recognitionRoutes, serves the document routes too.
  routes: async (app, opts) => {
    await recognitionRoutes(app, opts);
    await documentRoutes(app, opts);
  },
};
