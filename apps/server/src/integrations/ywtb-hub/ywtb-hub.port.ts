/**
 * The port to the 一网通办 service hub (服务中台) for the traffic-police area (交警专区): the catalogue of the area's
 * services (办事事项, registered and put online or offline) and the notices and consultation answers shown there.
 * The interface document was not available: paths and fields are assumptions [A] (`ywtb-hub.wire.ts`).
 * Both calls are upserts by key and version: the hub keeps the highest version, accepts an identical resend, and
 * refuses an older version (stale) or a different body under a version it already holds.
 */
export { HubRejectedError, HubUnavailableError } from '../yiwangtongban/yiwangtongban.port.ts';

export type HubServiceStatus = 'online' | 'offline';

/** One service of the area as the hub lists it. */
export interface HubServiceEntry {
  /** The matter's code in the catalogue (事项编码), e.g. `SHJJ-WF-JK` (违法缴款). */
  serviceCode: string;
  name: string;
  /** The catalogue's grouping, e.g. 违法处理, 车驾管, 道路施工. */
  category: string;
  /** Where the citizen is sent to apply (the internet zone's page). */
  onlineUrl: string;
  status: HubServiceStatus;
  version: number;
}

/** A content item of the area: published (shown from `publishAt`) or withdrawn (taken down). */
export interface HubAreaContent {
  itemKey: string;
  version: number;
  op: 'publish' | 'withdraw';
  kind: 'notice' | 'consultation';
  title: string;
  body: string;
  publishAt: string;
}

export interface YwtbHubPort {
  registerService(entry: HubServiceEntry): Promise<void>;
  pushContent(content: HubAreaContent): Promise<void>;
}
