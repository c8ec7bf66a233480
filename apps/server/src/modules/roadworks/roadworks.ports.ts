import type { YiwangtongbanConnection } from '../../integrations/yiwangtongban/yiwangtongban.ts';

export interface RoadworksPorts {
  hub: YiwangtongbanConnection;
}
