import Dexie, { type EntityTable } from 'dexie';

/**
 * The handheld's outbox (IndexedDB): every record the officer writes goes here first, under the ID the handheld made
 * for it, and is sent when there is a network. Conflict rules (docs/manual/04-enforcement.md):
 * - a record is sent with its client ID and an Idempotency-Key kept with it: a resend after a lost answer gets the
 *   stored record back, never a second ticket;
 * - the server's record wins: the same ID with other content is refused (409) and the item stays here, refused, with
 *   the reason — it is never changed behind the officer's back;
 * - a refusal (4xx: validation, daily cap, not allowed) is final for that item and shown with the server's words;
 * - no network, a timeout, 5xx or an expired session leave the item pending; it is retried in order.
 */
export type OutboxState = 'pending' | 'sent' | 'refused';

export type RecordKind = 'violation' | 'breath-test' | 'detention' | 'blood-sample';
/** The follow-up steps of accepted records: a blood sample's custody step, a detention's release. */
export type StepKind = 'custody' | 'release';

export interface OutboxItem {
  id: string;
  kind: RecordKind | StepKind | 'photo';
  title: string;
  url: string;
  payload: unknown;
  idempotencyKey: string;
  state: OutboxState;
  reason: string | null;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  result: unknown;
  /** A photo: the compressed picture, kept here until it is uploaded (P11), and the upload's resumable URL. */
  photo?: { blob: Blob; uploadUrl: string | null; sentBytes: number };
}

export interface DeviceRecord {
  id: 'device';
  deviceCode: string;
  privateKey: string;
  publicKey: string;
}

export class PdaDatabase extends Dexie {
  outbox!: EntityTable<OutboxItem, 'id'>;
  device!: EntityTable<DeviceRecord, 'id'>;
  constructor(name = 'shtp-pda') {
    super(name);
    this.version(1).stores({ outbox: 'id, state, createdAt', device: 'id' });
  }
}

/** What a send gives back: an answer (any HTTP status), or no answer at all (offline, timeout). */
export type SendOutcome = { status: number; body: unknown } | { status: 0; error: string };

let lastCreated = 0;

export async function enqueue(db: PdaDatabase, item: Pick<OutboxItem, 'id' | 'kind' | 'title' | 'url' | 'payload' | 'photo'>): Promise<void> {
  // Strictly increasing: a record's photos are queued after it and sent after it.
  lastCreated = Math.max(Date.now(), lastCreated + 1);
  await db.outbox.put({
    ...item,
    idempotencyKey: crypto.randomUUID(),
    state: 'pending',
    reason: null,
    attempts: 0,
    createdAt: lastCreated,
    sentAt: null,
    result: null,
  });
}

const RETRY_LATER = new Set([0, 401, 403, 408, 425, 429]);

let running: Promise<number> | null = null;

/** Sends the pending items oldest first, one at a time; stops at the first one without an answer. Returns how many were settled. */
export function syncOutbox(db: PdaDatabase, send: (item: OutboxItem) => Promise<SendOutcome>): Promise<number> {
  running ??= (async () => {
    let settled = 0;
    try {
      for (const item of await db.outbox.where('state').equals('pending').sortBy('createdAt')) {
        const out = await send(item);
        const attempts = item.attempts + 1;
        if (out.status >= 200 && out.status < 300) {
          await db.outbox.update(item.id, { state: 'sent', sentAt: Date.now(), result: (out as { body: unknown }).body, reason: null, attempts });
          settled++;
        } else if (RETRY_LATER.has(out.status) || out.status >= 500) {
          const reason = 'error' in out ? out.error : (messageOf(out.body) ?? `服务器暂时无法处理（${out.status}）`);
          await db.outbox.update(item.id, { reason, attempts });
          break;
        } else {
          await db.outbox.update(item.id, { state: 'refused', reason: messageOf((out as { body: unknown }).body) ?? `被拒绝（${out.status}）`, attempts });
          settled++;
        }
      }
    } finally {
      running = null;
    }
    return settled;
  })();
  return running;
}

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as { message?: unknown; details?: { message?: unknown }[] };
  const detail = b.details?.map((d) => d.message).filter((m): m is string => typeof m === 'string');
  return typeof b.message === 'string' ? [b.message, ...(detail ?? [])].filter((m, i, a) => a.indexOf(m) === i).join('；') : null;
}
