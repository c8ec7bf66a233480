import { type HubCase, type HubDecision, HubRejectedError, HubUnavailableError, type YiwangtongbanPort } from './yiwangtongban.port.ts';
import { HubCaseSchema } from './yiwangtongban.validation.ts';

/**
 * The HTTP client of the 一网通办 hub [A: paths and auth header until the interface document is had]:
 * GET /cases/pending, POST /cases/ack, POST /cases/:caseNo/decision; 4xx = rejected, other failures = unavailable.
 */
export class HttpYiwangtongbanClient implements YiwangtongbanPort {
  constructor(private readonly opts: { url: string; key: string; timeoutMs: number }) {}

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.url), {
        method,
        headers: { 'content-type': 'application/json', 'x-api-key': this.opts.key },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new HubUnavailableError(`一网通办无法访问：${(err as Error).message}`);
    }
    const text = await res.text();
    if (res.status >= 400 && res.status < 500) throw new HubRejectedError(`一网通办拒绝请求（${res.status}）：${text.slice(0, 200)}`);
    if (!res.ok) throw new HubUnavailableError(`一网通办服务异常（${res.status}）`);
    return text ? JSON.parse(text) : null;
  }

  async pendingCases(): Promise<HubCase[]> {
    const body = (await this.call('GET', 'cases/pending')) as unknown[];
    return body.map((c) => HubCaseSchema.parse(c));
  }

  async acknowledge(caseNos: string[]): Promise<void> {
    await this.call('POST', 'cases/ack', { caseNos });
  }

  async sendDecision(decision: HubDecision): Promise<void> {
    await this.call('POST', `cases/${encodeURIComponent(decision.caseNo)}/decision`, decision);
  }
}

/** No hub configured (production without YWTB_URL): every call fails visibly as unavailable. */
export class UnconfiguredYiwangtongban implements YiwangtongbanPort {
  private fail(): never {
    throw new HubUnavailableError('未配置一网通办接口（YWTB_URL）');
  }
  pendingCases = async (): Promise<HubCase[]> => this.fail();
  acknowledge = async (): Promise<void> => this.fail();
  sendDecision = async (): Promise<void> => this.fail();
}
