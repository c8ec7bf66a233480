import type { InsuranceExchangeConnection } from '../../integrations/insurance-exchange/insurance-exchange.ts';
import type { YiwangtongbanConnection } from '../../integrations/yiwangtongban/yiwangtongban.ts';

export interface RoadworksPorts {
  hub: YiwangtongbanConnection;
  /** Null in production without INSURANCE_EXCHANGE_DIR: the exchange job is not scheduled. */
  insurance: InsuranceExchangeConnection | null;
}
