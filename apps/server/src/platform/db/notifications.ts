import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * The PostgreSQL notification channels a server listens on. `shtp_session`: a session row changed or ended (payload
 * `s:<session id>`) or the access-control data changed (`*`), sent by the triggers of migration 0063 in the writing
 * transaction, so delivered on COMMIT (ADR 0016).
 */
export const NOTIFY_CHANNELS = ['shtp_session'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

export interface NotificationSubscriber {
  notification(channel: NotifyChannel, payload: string): void;
  /** Whether every notification committed from now on reaches `notification` (false: some may be lost). */
  listening(on: boolean): void;
}

/**
 * The database's notifications for this process, from two sources:
 * - commits of this process: on PostgreSQL every connection of the primary pool LISTENs, and a backend delivers its
 *   own transaction's notifications right before it answers the COMMIT — so they are handled before the commit's
 *   promise resolves (read-your-writes on this instance, with no wait);
 * - everybody else's (other instances, jobs, a DBA): one dedicated listening connection, opened when the first
 *   subscriber arrives and reopened when it drops (the subscribers are told `listening(false)` meanwhile).
 * PGlite is one backend in this process: its own `listen` gives both, at commit.
 */
export class DatabaseNotifications {
  private readonly subscribers = new Set<NotificationSubscriber>();
  /** Backend pids of this process's pool connections: their notifications were delivered at their commit already. */
  readonly ownBackends = new Set<number>();
  private on = false;
  private stopListener: (() => Promise<void>) | null = null;

  constructor(private readonly startListener: (hub: DatabaseNotifications) => Promise<() => Promise<void>>) {}

  /** Starts the listener with the first subscriber; resolves once it listens (or its first attempt failed). */
  async subscribe(subscriber: NotificationSubscriber): Promise<() => Promise<void>> {
    this.subscribers.add(subscriber);
    subscriber.listening(this.on);
    if (!this.stopListener) this.stopListener = await this.startListener(this);
    return async () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) await this.close();
    };
  }

  get listening(): boolean {
    return this.on;
  }

  deliver(channel: string, payload: string): void {
    if (!(NOTIFY_CHANNELS as readonly string[]).includes(channel)) return;
    for (const s of this.subscribers) s.notification(channel as NotifyChannel, payload);
  }

  setListening(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    for (const s of this.subscribers) s.listening(on);
  }

  async close(): Promise<void> {
    const stop = this.stopListener;
    this.stopListener = null;
    this.setListening(false);
    await stop?.();
  }
}

const listenSql = NOTIFY_CHANNELS.map((c) => `LISTEN ${c}`).join('; ');

/**
 * The pool's `onConnect` hook (awaited before a new connection is handed out) for a primary pool: the connection
 * LISTENs, and its own transactions' notifications (those whose sender is this very backend) go to `hub` — they
 * arrive before the answer to the COMMIT.
 */
export function listenOnConnect(hub: DatabaseNotifications): (client: pg.PoolClient) => Promise<void> {
  return async (client) => {
    const pid = (client as unknown as { processID: number }).processID;
    try {
      await client.query(listenSql);
    } catch {
      return; // not a connection that can listen: its commits reach this process through the listener, a moment later
    }
    hub.ownBackends.add(pid);
    client.once('end', () => hub.ownBackends.delete(pid));
    client.on('notification', (m) => {
      if (m.processId === pid) hub.deliver(m.channel, m.payload ?? '');
    });
  };
}

/**
 * The dedicated listening connection: reconnects after a drop, with back-off (≤ 5 s), until stopped. It passes on the
 * notifications of everybody but this process's own pool connections (delivered at their commit already; a second,
 * later delivery would only drop entries read since).
 */
export function postgresListener(connectionString: string): (hub: DatabaseNotifications) => Promise<() => Promise<void>> {
  return async (hub) => {
    let stopped = false;
    let client: pg.Client | null = null;
    let retry: NodeJS.Timeout | null = null;
    let delay = 100;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString, application_name: 'shtp-listen', keepAlive: true });
      client = c;
      let dropped = false;
      const drop = () => {
        if (dropped) return;
        dropped = true;
        hub.setListening(false);
        c.end().catch(() => {});
        if (!stopped) {
          retry = setTimeout(() => void connect(), delay);
          delay = Math.min(delay * 2, 5_000);
        }
      };
      c.on('error', drop);
      c.on('end', drop);
      c.on('notification', (m) => {
        if (!hub.ownBackends.has(m.processId)) hub.deliver(m.channel, m.payload ?? '');
      });
      try {
        await c.connect();
        await c.query(listenSql);
        if (stopped || dropped) return;
        delay = 100;
        hub.setListening(true);
      } catch {
        drop();
      }
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      hub.setListening(false);
      await (client as pg.Client | null)?.end().catch(() => {});
    };
  };
}

/** PGlite: one backend, notifications at commit (queued as microtasks while the COMMIT's answer is read). */
export function pgliteListener(client: PGlite): (hub: DatabaseNotifications) => Promise<() => Promise<void>> {
  return async (hub) => {
    const stops = await Promise.all(NOTIFY_CHANNELS.map((channel) => client.listen(channel, (payload) => hub.deliver(channel, payload))));
    hub.setListening(true);
    return async () => {
      hub.setListening(false);
      if (!client.closed) for (const stop of stops) await stop();
    };
  };
}
