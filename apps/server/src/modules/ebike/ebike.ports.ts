import type { LiuheyiConnection } from '../../integrations/liuheyi/liuheyi.ts';

/** The e-bike module's external systems, created once per app by the module's `connect`. */
export interface EbikePorts {
  /** 六合一 (its simulator outside production without LIUHEYI_URL). */
  liuheyi: LiuheyiConnection;
}
