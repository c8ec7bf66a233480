import { sm2Decrypt, sm2Encrypt } from '@shtp/gm';

const PREFIX = 'sm2:';

/**
 * Fields a data set carries in clear to the other zone's business, not to its tables at rest: each value is
 * SM2-encrypted to the receiving zone's exchange key before it enters the outbox, so the sender's outbox and the
 * receiver's `exchange_records` keep only ciphertext; the receiver opens them for the channel's applier alone.
 */
export function sealFields(record: Readonly<Record<string, unknown>>, fields: readonly string[], recipientPublicKey: string): Record<string, unknown> {
  const out = { ...record };
  for (const f of fields) {
    const v = out[f];
    if (v != null && v !== '') out[f] = PREFIX + sm2Encrypt(Buffer.from(String(v), 'utf8'), recipientPublicKey).toString('base64');
  }
  return out;
}

/** The sealed fields opened with this zone's private key (a value not sealed, or sealed to another key, throws). */
export function openSealed(record: Readonly<Record<string, unknown>>, fields: readonly string[], ownPrivateKey: string): Record<string, unknown> {
  const out = { ...record };
  for (const f of fields) {
    const v = out[f];
    if (v == null || v === '') continue;
    if (typeof v !== 'string' || !v.startsWith(PREFIX)) throw new Error(`field ${f} did not cross sealed`);
    out[f] = sm2Decrypt(Buffer.from(v.slice(PREFIX.length), 'base64'), ownPrivateKey).toString('utf8');
  }
  return out;
}
