import { postJson } from '../json-post.ts';
import { type HubAreaContent, type HubCaseItem, HubRejectedError, type HubServiceEntry, HubUnavailableError, type YwtbHubPort } from './ywtb-hub.port.ts';
import { HUB_PATHS, HubAckSchema } from './ywtb-hub.wire.ts';

/**
 * The HTTP client of the hub's traffic-police area [A: paths in `ywtb-hub.wire.ts`, header `x-api-key`]:
 * a 4xx answer is a refusal for good (the same call cannot succeed), anything else but an ack is unavailable (retried).
 */
export class HttpYwtbHubClient implements YwtbHubPort {
  constructor(private readonly opts: { url: string; key: string; timeoutMs: number }) {}

  private async post(path: string, body: unknown): Promise<void> {
    const answer = await postJson('一网通办服务中台', new URL(path, this.opts.url), body, HubAckSchema, this.opts.timeoutMs, { 'x-api-key': this.opts.key });
    if (answer.ok) return;
    if (answer.status !== undefined && answer.status >= 400 && answer.status < 500) throw new HubRejectedError(answer.reason);
    throw new HubUnavailableError(answer.reason);
  }

  registerService = (entry: HubServiceEntry) => this.post(HUB_PATHS.registerService, entry);
  pushContent = (content: HubAreaContent) => this.post(HUB_PATHS.pushContent, content);
  pushCase = (item: HubCaseItem) => this.post(HUB_PATHS.pushCase, item);
}

/** No hub configured (production without YWTB_URL): every call fails visibly as unavailable. */
export class UnconfiguredYwtbHub implements YwtbHubPort {
  private fail(): never {
    throw new HubUnavailableError('未配置一网通办接口（YWTB_URL）');
  }
  registerService = async (): Promise<void> => this.fail();
  pushContent = async (): Promise<void> => this.fail();
  pushCase = async (): Promise<void> => this.fail();
}
