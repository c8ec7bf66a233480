import { caseTransitionRefusal } from '@shtp/core/publishing';
import type { z } from 'zod';
import { type HubAreaContent, type HubCaseItem, HubRejectedError, type HubServiceEntry, HubUnavailableError, type YwtbHubPort } from './ywtb-hub.port.ts';
import { HubAreaContentSchema, HubCaseItemSchema, HubServiceEntrySchema } from './ywtb-hub.wire.ts';

interface Versioned {
  version: number;
}

/**
 * An in-process hub area: validates each call against the wire schemas, keeps the highest version per key, accepts
 * an identical resend, refuses an older version or a different body under a held version (as the hub would), and
 * fails as unavailable on demand (`failNext`).
 */
export class YwtbHubSimulator implements YwtbHubPort {
  readonly services = new Map<string, HubServiceEntry>();
  readonly contents = new Map<string, HubAreaContent>();
  /** 办件 by business number: the latest status the hub holds. */
  readonly cases = new Map<string, HubCaseItem>();
  /** Every accepted call, in order (an identical resend counts once). */
  readonly accepted: string[] = [];
  private failures = 0;

  failNext(calls: number): void {
    this.failures = calls;
  }

  async registerService(entry: HubServiceEntry): Promise<void> {
    this.upsert(this.services, HubServiceEntrySchema, entry, entry.serviceCode, '服务事项');
  }

  async pushContent(content: HubAreaContent): Promise<void> {
    const held = this.contents.get(content.itemKey);
    // A withdrawal of the version shown replaces its publication; anything else follows the version rule.
    if (held && content.op === 'withdraw' && held.op === 'publish' && held.version === content.version) this.contents.delete(content.itemKey);
    this.upsert(this.contents, HubAreaContentSchema, content, content.itemKey, '专区内容');
  }

  /**
   * A 办件 status: refused when its service is not in the area's catalogue, when the case moves to a status its
   * held one does not lead to, or when it names another citizen or service than the case holds.
   */
  async pushCase(item: HubCaseItem): Promise<void> {
    this.unavailable();
    const held = this.cases.get(item.businessNo);
    if (!this.services.has(item.serviceCode)) throw new HubRejectedError(`一网通办拒收办件状态：事项编码 ${item.serviceCode} 未在交警专区登记`);
    if (held && held.serviceCode !== item.serviceCode) throw new HubRejectedError(`一网通办拒收办件状态：办件 ${item.businessNo} 属于另一事项`);
    if (held?.userId && item.userId && held.userId !== item.userId) throw new HubRejectedError(`一网通办拒收办件状态：办件 ${item.businessNo} 属于另一用户`);
    if (held && held.version < item.version) {
      const refused = caseTransitionRefusal(held.status, item.status);
      if (refused) throw new HubRejectedError(`一网通办拒收办件状态：${refused}`);
    }
    // The user the case was opened for, and its summary, stay with it when a later status does not name them.
    const userId = item.userId ?? held?.userId;
    const summary = item.summary ?? held?.summary;
    this.upsert(this.cases, HubCaseItemSchema, { ...item, ...(userId ? { userId } : {}), ...(summary ? { summary } : {}) }, item.businessNo, '办件状态');
  }

  private unavailable(): void {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new HubUnavailableError('一网通办服务中台模拟器：服务暂不可用（注入故障）');
    }
  }

  private upsert<T extends Versioned>(held: Map<string, T>, schema: z.ZodType<T>, value: T, key: string, what: string): void {
    this.unavailable();
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new HubRejectedError(`一网通办拒收${what}：${parsed.error.issues.map((i) => i.path.join('.')).join('、')} 不正确`);
    const earlier = held.get(key);
    if (earlier && earlier.version > value.version) throw new HubRejectedError(`一网通办拒收${what}：${key} 已有更新的版本 ${earlier.version}`);
    if (earlier && earlier.version === value.version) {
      if (JSON.stringify(earlier) !== JSON.stringify(parsed.data))
        throw new HubRejectedError(`一网通办拒收${what}：${key} 第 ${value.version} 版已有不同的内容`);
      return;
    }
    held.set(key, parsed.data);
    this.accepted.push(`${key}@${value.version}`);
  }
}
