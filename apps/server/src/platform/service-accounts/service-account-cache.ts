import { BoundedTtlMap } from '../cache/bounded-ttl-map.ts';
import type { Db } from '../db/client.ts';
import type { ServiceAccountRow } from './service-accounts.repository.ts';
import type { AccountKeys } from './signature.ts';

/** What the service guard reads per signed call: an active account's row and its verifying keys (secrets decrypted). */
export interface CachedAccount {
  row: ServiceAccountRow;
  keys: AccountKeys;
}

interface Entry extends CachedAccount {
  readAt: number;
}

/** Service accounts are few; the bound only guards against a flood of distinct app IDs. */
const MAX_ENTRIES = 1_000;

/**
 * Active service accounts cached per instance for at most `auth.sessionCache.maxAgeMs` (ADR 0016, "Service accounts"),
 * so that a signed call neither reads the account row nor SM4-decrypts its secret each time. Only an active account is
 * kept (a refusal is always decided on a fresh read). Every change made through this instance drops every entry before
 * its request answers, and a read that began before such a change is not kept; changes made elsewhere (another
 * instance, a DBA) reach this instance within `maxAgeMs`.
 */
export class ServiceAccountCache {
  private readonly entries = new BoundedTtlMap<Entry>(MAX_ENTRIES);

  /** The entry of this app if it was read at most `maxAgeMs` ago (0: never). */
  get(appId: string, maxAgeMs: number, now = performance.now()): CachedAccount | undefined {
    return this.entries.get(appId, now, maxAgeMs);
  }

  /** Marks the start of a read: pass it to `put`. */
  readStarted(): { generation: number; at: number } {
    return { generation: this.entries.mark(), at: performance.now() };
  }

  /** Keeps an active account read since `started`, unless this instance changed an account since then. */
  put(appId: string, value: CachedAccount, started: { generation: number; at: number }): void {
    if (value.row.a.status === 'active') this.entries.keep(appId, { ...value, readAt: started.at }, started.generation);
  }

  /** This instance changed an account (status, scopes, addresses, limits, keys): every entry is dropped. */
  invalidate(): void {
    this.entries.invalidate();
  }
}

const caches = new WeakMap<Db, ServiceAccountCache>();

/** The instance's cache (one per database pool, i.e. per server instance): the guard reads it, account changes drop it. */
export function serviceAccountCacheOf(db: Db): ServiceAccountCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ServiceAccountCache();
    caches.set(db, cache);
  }
  return cache;
}
