import type { ReplayCache } from '@shtp/gm';
import { lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { envelopeNonces } from './transport.table.ts';

/**
 * The gm ReplayCache on the `envelope_nonces` table, so that every server instance refuses a nonce any of
 * them has accepted. One statement decides atomically: a new nonce is inserted; a known one is taken over
 * only if it has expired (a purge not yet run); otherwise no row comes back and the envelope is a replay.
 */
export class DbReplayCache implements ReplayCache {
  /**
   * `extraRetentionMs`: keep each nonce this much longer than its envelope's freshness window, so that
   * raising the window parameter later cannot revive an envelope whose nonce was already purged.
   */
  constructor(
    private readonly db: DbOrTx,
    private readonly extraRetentionMs = 0,
  ) {}

  /** `nonce` is `sender:base64` as openEnvelope passes it; the sender part is kept for the operator. */
  async seen(nonce: string, freshUntil: number): Promise<boolean> {
    const device = nonce.slice(0, Math.max(0, nonce.lastIndexOf(':')));
    const expiresAt = freshUntil + this.extraRetentionMs;
    const rows = await this.db
      .insert(envelopeNonces)
      .values({ nonce, device, expiresAt: new Date(expiresAt) })
      .onConflictDoUpdate({
        target: envelopeNonces.nonce,
        set: { device, expiresAt: new Date(expiresAt) },
        setWhere: sql`${envelopeNonces.expiresAt} <= now()`,
      })
      .returning({ nonce: envelopeNonces.nonce });
    return rows.length === 0;
  }
}

/** Deletes the nonces of envelopes that are past their freshness window (they are refused as expired anyway). */
export async function purgeExpiredNonces(db: DbOrTx): Promise<number> {
  const rows = await db.delete(envelopeNonces).where(lt(envelopeNonces.expiresAt, sql`now()`)).returning({ nonce: envelopeNonces.nonce });
  return rows.length;
}
