import type { AlcoholUploadConnection } from '../../integrations/alcohol-upload/alcohol-upload.ts';
import type { EducationConnection } from '../../integrations/education/education.ts';
import type { RiderRegistryConnection } from '../../integrations/rider-registry/rider-registry.ts';

/** The external systems of 交通执法II: the Ministry's education interface (P2), the riders' registry (P12), 按标准上传 (P3/P6). */
export interface EnforcementPorts {
  education: EducationConnection;
  riders: RiderRegistryConnection;
  alcoholUpload: AlcoholUploadConnection;
}
