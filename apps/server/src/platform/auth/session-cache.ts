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
  private readonly entries = new Map<string, CachedSession>();
  /** Moves on with every notification and listening change: a read begun before it is not kept. */
  private generation = 0;
  private on = false;
  private readonly waiters = new Set<{ matches: (payload: string) => boolean; resolve: () => void }>();

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  get(id: string, now: number, maxAgeMs: number): CachedSession | undefined {
    if (!this.on || maxAgeMs <= 0) return undefined;
    const entry = this.entries.get(id);
    if (entry && now - entry.readAt > maxAgeMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  /** Call before reading a session from the database; hand the result to `keep` with it. */
  mark(): number {
    return this.generation;
  }

  keep(id: string, entry: CachedSession, mark: number, maxAgeMs: number): void {
    if (!this.on || maxAgeMs <= 0 || mark !== this.generation) return;
    this.entries.delete(id);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, entry);
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
    if (!payload.startsWith('sync:')) {
      this.generation++;
      if (payload.startsWith('s:')) this.entries.delete(payload.slice(2));
      else this.entries.clear();
    }
    for (const w of this.waiters) {
      if (w.matches(payload)) {
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  listening(on: boolean): void {
    this.generation++;
    this.entries.clear();
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
