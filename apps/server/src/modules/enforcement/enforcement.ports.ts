import type { EducationConnection } from '../../integrations/education/education.ts';
import type { RiderRegistryConnection } from '../../integrations/rider-registry/rider-registry.ts';

/** The external systems of 交通执法II: the Ministry's education interface (P2) and the riders' registry (P12). */
export interface EnforcementPorts {
  education: EducationConnection;
  riders: RiderRegistryConnection;
}
