/**
 * The port to the 一网通办 service hub (服务中台) for the traffic-police area (交警专区): the catalogue of the area's
 * services (办事事项, registered and put online or offline) and the notices and consultation answers shown there.
 * The interface document was not available: paths and fields are assumptions [A] (`ywtb-hub.wire.ts`).
 * Both calls are upserts by key and version: the hub keeps the highest version, accepts an identical resend, and
 * refuses an older version (stale) or a different body under a version it already holds.
 */
import type { HubCaseStatus } from '@shtp/core/publishing';

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
  /** The version's files at their public addresses (relative to the zone's public origin). */
  attachments?: HubAreaAttachment[];
}

/** A file of a published content item, linked by the hub at its public address. */
export interface HubAreaAttachment {
  filename: string;
  mime: string;
  size: number;
  url: string;
}

/**
 * A 办件's status for the citizen's 我的办件: the business number of the internet zone, the service it belongs to
 * (a code the hub's catalogue holds), the status and its time; `version` is the status's rank (a later stage is a
 * higher version). Nothing personal but the citizen's own 随申办 user ID, which the hub needs to file the item
 * under them (absent when the business has none); `summary` carries no personal data.
 */
export interface HubCaseItem {
  businessNo: string;
  serviceCode: string;
  status: HubCaseStatus;
  statusAt: string;
  version: number;
  userId?: string;
  summary?: string;
}

export interface YwtbHubPort {
  registerService(entry: HubServiceEntry): Promise<void>;
  pushContent(content: HubAreaContent): Promise<void>;
  /** The 办件 status push: an upsert by business number and version, refused for an unknown service or a bad transition. */
  pushCase(item: HubCaseItem): Promise<void>;
}
