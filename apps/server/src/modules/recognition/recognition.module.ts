import { RECOGNITION_AUDIT_ACTIONS } from '@shtp/core/recognition';
import { createTaxVerifyPort, taxVerifyConfig } from '../../integrations/tax-verify/tax-verify.ts';
import { defineModule } from '../app-module.ts';
import { documentParams } from './documents.params.ts';
import { documentRoutes } from './documents.routes.ts';
import { type RecognitionApi, recognitionApi } from './recognition.api.ts';
import { recognitionParams } from './recognition.params.ts';
import { RECOGNITION_PERMISSIONS, RP } from './recognition.permissions.ts';
import type { RecognitionPorts } from './recognition.ports.ts';
import { recognitionRoutes } from './recognition.routes.ts';

/** 图像识别 (T13–T21, P1): offline OCR of plates, ID documents, invoices and certificates as an API; police zone only. */
export const recognitionModule = defineModule<RecognitionPorts, RecognitionApi>({
  name: 'recognition',
  zones: ['police'],
  permissions: {
    catalogue: RECOGNITION_PERMISSIONS,
    // The supervisor reviews temporary-plate cases in the 识别工作台; the road officer's handheld reads plates and ID
    // numbers and the front of ID cards (P1) without the workbench menu (applied by the demo seed to a new database).
    proposals: {
      road_officer: [RP.plate, RP.idNumber, RP.idCard],
      supervisor: [
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
      ],
    },
  },
  params: [...Object.values(recognitionParams), ...Object.values(documentParams)],
  auditActions: { label: '图像识别', actions: RECOGNITION_AUDIT_ACTIONS },
  async connect(platform) {
    const taxVerify = await createTaxVerifyPort(taxVerifyConfig(platform.config.source, platform.config.env));
    return { ports: { taxVerify }, close: () => taxVerify.close() };
  },
  api: ({ platform, ports, apis }) => recognitionApi(platform, ports, apis),
  // One plugin scope: multipart, registered by recognitionRoutes, serves the document routes too.
  async routes(app, ctx) {
    await recognitionRoutes(app, ctx);
    await documentRoutes(app, ctx);
  },
});
