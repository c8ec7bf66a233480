import { z } from 'zod';
import { postJson } from '../json-post.ts';
import type { RiderAnswer, RiderRegistryPort } from './rider-registry.port.ts';

export const RIDER_PATH = '/api/riders/contacts';
const Answer = z.object({ contacts: z.array(z.object({ platform: z.string(), riderName: z.string(), phone: z.string() })) });

/** The real client of the rider registry gateway (HTTP JSON). */
export class HttpRiderRegistry implements RiderRegistryPort {
  constructor(readonly target: string) {}
  async contacts(query: { idNumber: string; purpose: string }, opts: { timeoutMs: number }): Promise<RiderAnswer> {
    const a = await postJson('骑手信息平台', new URL(RIDER_PATH, this.target), query, Answer, opts.timeoutMs);
    return a.ok ? { outcome: 'found', contacts: a.data.contacts } : { outcome: 'unavailable', reason: a.reason };
  }
}
