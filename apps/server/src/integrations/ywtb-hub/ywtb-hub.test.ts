import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonStandIn, jsonStandIn } from '../json-stand-in.test-fixtures.ts';
import { HttpYwtbHubClient } from './ywtb-hub.client.ts';
import { HubRejectedError, type HubServiceEntry, HubUnavailableError } from './ywtb-hub.port.ts';
import { YwtbHubSimulator } from './ywtb-hub.simulator.ts';
import { HUB_PATHS } from './ywtb-hub.wire.ts';

const entry: HubServiceEntry = {
  serviceCode: 'SHJJ-WF-JK',
  name: '交通违法缴款',
  category: '违法处理',
  onlineUrl: 'https://jj.example.gov.cn/pay',
  status: 'online',
  version: 1,
};

describe('一网通办 hub area simulator', () => {
  it('keeps the highest version, accepts an identical resend, refuses stale and conflicting versions and bad fields', async () => {
    const hub = new YwtbHubSimulator();
    await hub.registerService(entry);
    await hub.registerService(entry);
    expect(hub.accepted).toEqual(['SHJJ-WF-JK@1']);
    await expect(hub.registerService({ ...entry, name: '另一个名称' })).rejects.toThrow('SHJJ-WF-JK 第 1 版已有不同的内容');
    await hub.registerService({ ...entry, status: 'offline', version: 2 });
    await expect(hub.registerService(entry)).rejects.toThrow(HubRejectedError);
    await expect(hub.registerService({ ...entry, serviceCode: 'x', version: 3 })).rejects.toThrow('serviceCode 不正确');
    hub.failNext(1);
    await expect(hub.registerService({ ...entry, version: 3 })).rejects.toThrow(HubUnavailableError);
    expect(hub.services.get('SHJJ-WF-JK')).toMatchObject({ status: 'offline', version: 2 });
  });
});

describe('一网通办 hub area simulator: 办件 status', () => {
  it('refuses a case of an unknown service, a bad transition, another user or service; keeps the user; accepts a resend', async () => {
    const hub = new YwtbHubSimulator();
    const item = { businessNo: 'FK20261203ABCDEF', serviceCode: 'SHJJ-WF-JK', status: 'submitted' as const, statusAt: '2026-12-03T08:00:00.000Z', version: 1 };
    await expect(hub.pushCase(item)).rejects.toThrow('一网通办拒收办件状态：事项编码 SHJJ-WF-JK 未在交警专区登记');
    await hub.registerService(entry);
    await hub.pushCase({ ...item, userId: 'ssb-openid-1' });
    await hub.pushCase({ ...item, userId: 'ssb-openid-1' });
    await expect(hub.pushCase({ ...item, status: 'completed', version: 4, userId: 'ssb-openid-2' })).rejects.toThrow('属于另一用户');
    await hub.pushCase({ ...item, status: 'completed', version: 4 });
    expect(hub.cases.get(item.businessNo)).toMatchObject({ status: 'completed', userId: 'ssb-openid-1' });
    await expect(hub.pushCase({ ...item, status: 'accepted', version: 2 })).rejects.toThrow('已有更新的版本 4');
    await hub.pushCase({ ...item, status: 'refunded', version: 5 });
    await expect(hub.pushCase({ ...item, status: 'closed', version: 6 as number })).rejects.toThrow(HubRejectedError);
    await expect(hub.pushCase({ ...item, businessNo: 'x', version: 1 })).rejects.toThrow('businessNo 不正确');
    await hub.registerService({ ...entry, serviceCode: 'SHJJ-WF-CX' });
    await expect(hub.pushCase({ ...item, serviceCode: 'SHJJ-WF-CX', status: 'refunded', version: 7 })).rejects.toThrow('属于另一事项');
  });
});

describe('一网通办 hub area HTTP client', () => {
  let hubStandIn: JsonStandIn;
  let url: string;
  const seen: { path: string; key: string | undefined; body: unknown }[] = [];
  let status = 200;
  beforeAll(async () => {
    hubStandIn = await jsonStandIn(({ path, headers, body }) => {
      seen.push({ path, key: headers['x-api-key'] as string | undefined, body });
      return [status, status === 200 ? { code: '0' } : { message: '事项编码不存在' }];
    });
    url = `${hubStandIn.origin}/ywtb/`;
  });
  afterAll(() => hubStandIn.close());

  it('posts to the path of the wire table with the key header; 4xx is a refusal, 5xx unavailable', async () => {
    const client = new HttpYwtbHubClient({ url, key: 'k-1', timeoutMs: 5_000 });
    await client.registerService(entry);
    expect(seen[0]).toEqual({ path: `/ywtb/${HUB_PATHS.registerService}`, key: 'k-1', body: entry });
    status = 400;
    await expect(client.registerService(entry)).rejects.toThrow(new HubRejectedError('一网通办服务中台返回错误（HTTP 400：事项编码不存在）'));
    status = 503;
    await expect(client.registerService(entry)).rejects.toThrow(HubUnavailableError);
  });
});
