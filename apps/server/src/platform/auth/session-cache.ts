import { BoundedTtlMap } from '../cache/bounded-ttl-map.ts';
import type { NotificationSubscriber } from '../db/notifications.ts';
import type { SessionRow } from './auth.repository.ts';

/** A session as the per-request query read it, with the access-control version of the same read. */
export interface CachedSession {
  session: SessionRow;
  rbacVersion: number;
  /** When it was read from the database (ms): it is read again `maxAgeMs` later whatever happened. */
  readAt: number;
}

/** How many sessions an instance keeps; the oldest read is dropped first. */
const MAX_ENTRIES = 20_000;

/**
 * The validated sessions of this instance, by session id (the SM3 digest of the token — never the token), so that
 * most requests check their session without a query (ADR 0016). An entry is used only while
 * - it is younger than `maxAgeMs` (0: the cache is off),
 * - the database's notifications are being heard: a session row that changes or ends drops its entry, a change of the
 *   access-control data drops them all, and while the listening connection is down every entry is dropped and none
 *   is kept (each request then reads its session, as without a cache),
 * - and no notification arrived while it was being read (it might predate the change: it is not kept).
 * The cache only ever says yes: a refusal (unknown, expired, idle, disabled) is always decided on a fresh read.
 */
export class SessionCache implements NotificationSubscriber {
  /** Invalidated by every notification but a sync marker, and by every listening change. */
  private readonly entries: BoundedTtlMap<CachedSession>;
  private on = false;
  private readonly waiters = new Set<{ matches: (payload: string) => boolean; resolve: () => void }>();

  constructor(maxEntries = MAX_ENTRIES) {
    this.entries = new BoundedTtlMap(maxEntries);
  }

  get(id: string, now: number, maxAgeMs: number): CachedSession | undefined {
    return this.on ? this.entries.get(id, now, maxAgeMs) : undefined;
  }

  /** Call before reading a session from the database; hand the result to `keep` with it. */
  mark(): number {
    return this.entries.mark();
  }

  keep(id: string, entry: CachedSession, mark: number, maxAgeMs: number): void {
    if (this.on && maxAgeMs > 0) this.entries.keep(id, entry, mark);
  }

  drop(id: string): void {
    this.entries.delete(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get size(): number {
    return this.entries.size;
  }

  get isListening(): boolean {
    return this.on;
  }

  /** `s:<id>` drops that session, `sync:…` (a marker) nothing, anything else (`*`: access control changed) all. */
  notification(_channel: string, payload: string): void {
    if (!payload.startsWith('sync:')) this.entries.invalidate(payload.startsWith('s:') ? payload.slice(2) : undefined);
    for (const w of this.waiters) {
      if (w.matches(payload)) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  listening(on: boolean): void {
    this.entries.invalidate();
    this.on = on;
  }

  /**
   * Resolves when a notification has dropped `id` (or every entry). For tests and diagnostics: a change made by
   * another instance reaches this one when its notification does.
   */
  dropped(id: string): Promise<void> {
    return this.heard((p) => p === `s:${id}` || (!p.startsWith('s:') && !p.startsWith('sync:')));
  }

  /**
   * Resolves when a notification matching `matches` arrives. Notifications arrive in commit order, so once a `sync:`
   * marker committed after some changes is heard, so are the changes.
   */
  heard(matches: (payload: string) => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.add({ matches, resolve }));
  }
}
