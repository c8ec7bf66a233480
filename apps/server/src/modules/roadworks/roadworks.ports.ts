import type { InsuranceExchangeConnection } from '../../integrations/insurance-exchange/insurance-exchange.ts';
import type { YiwangtongbanConnection } from '../../integrations/yiwangtongban/yiwangtongban.ts';

export interface RoadworksPorts {
  hub: YiwangtongbanConnection;
  /** In production without INSURANCE_EXCHANGE_DIR an unconfigured port: the job is not scheduled, the view says why. */
  insurance: InsuranceExchangeConnection;
}
