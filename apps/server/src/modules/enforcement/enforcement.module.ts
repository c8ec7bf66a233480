import { ENFORCEMENT_AUDIT_ACTIONS } from '@shtp/core/enforcement';
import { alcoholUploadConfig, createAlcoholUploadPort } from '../../integrations/alcohol-upload/alcohol-upload.ts';
import { createEducationPort, educationConfig } from '../../integrations/education/education.ts';
import { createRiderRegistryPort, riderRegistryConfig } from '../../integrations/rider-registry/rider-registry.ts';
import { defineModule } from '../app-module.ts';
import { registerStandardUpload } from './alcohol/standard-upload.job.ts';
import { type EnforcementApi, enforcementApi } from './enforcement.api.ts';
import { enforcementParams } from './enforcement.params.ts';
import { ENFORCEMENT_PERMISSIONS, ENFORCEMENT_ROLE_PROPOSALS } from './enforcement.permissions.ts';
import type { EnforcementPorts } from './enforcement.ports.ts';
import { enforcementRoutes } from './enforcement.routes.ts';
import { PARTY_ENCRYPTED_COLUMNS } from './party.ts';
import { photosRepository } from './photos/photos.repository.ts';

/** 交通执法II (P1–P12): the handheld's violations, alcohol tests, detentions and queries; the supervisor's view. */
export const enforcementModule = defineModule<EnforcementPorts, EnforcementApi>({
  name: 'enforcement',
  zones: ['police'],
  permissions: { catalogue: ENFORCEMENT_PERMISSIONS, proposals: ENFORCEMENT_ROLE_PROPOSALS },
  params: Object.values(enforcementParams),
  auditActions: { label: '交通执法', actions: ENFORCEMENT_AUDIT_ACTIONS },
  declare(platform) {
    platform.encryptedColumns.push(...PARTY_ENCRYPTED_COLUMNS);
    // Photos kept by digest: never erased from the shared store while a record holds them.
    platform.blobs.registerHolder('enf_photos', photosRepository.heldImages);
  },
  async connect(platform) {
    const education = await createEducationPort(educationConfig(platform.config.source, platform.config));
    const riders = await createRiderRegistryPort(riderRegistryConfig(platform.config.source, platform.config)).catch(async (err) => {
      await education.close();
      throw err;
    });
    const alcoholUpload = await createAlcoholUploadPort(alcoholUploadConfig(platform.config.source, platform.config)).catch(async (err) => {
      await Promise.all([education.close(), riders.close()]);
      throw err;
    });
    return {
      ports: { education, riders, alcoholUpload },
      close: async () => {
        await Promise.all([education.close(), riders.close(), alcoholUpload.close()]);
      },
    };
  },
  jobs: ({ platform, ports }) => registerStandardUpload(platform, ports.alcoholUpload.port),
  api: ({ platform }) => enforcementApi(platform),
  routes: enforcementRoutes,
});
