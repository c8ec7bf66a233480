import { hmacSm3, sm2SharedSecret } from '@shtp/gm';
import type { KeyStore } from '../../../platform/keys/keystore.ts';
import { type ExchangeSettings, ownExchangeKey, peerKey } from '../exchange.settings.ts';

/**
 * G2 holder factor: the key both zones derive from their exchange keys (this zone's SM2 private key and the other
 * zone's published public key give the same static ECDH secret on either side, `sm2SharedSecret`), so that neither
 * needs a secret of its own to be handed over. Null until the other zone's key is held: nothing can be bound then.
 */
export function holderKey(keys: KeyStore, zone: string, settings: ExchangeSettings): Buffer | null {
  const peer = peerKey(settings);
  if (!peer) return null;
  const own = ownExchangeKey(keys, zone).privateKey;
  // The ECDH is done once per pair of keys, not per query (a new key on either side derives a new one).
  if (last?.own !== own || last.peer !== peer.publicKey) {
    last = { own, peer: peer.publicKey, key: hmacSm3(sm2SharedSecret(own, peer.publicKey), 'shtp-holder-key-v1') };
  }
  return last.key;
}

let last: { own: string; peer: string; key: Buffer } | undefined;

/**
 * The keyed digest (HMAC-SM3) of a person's ID number, sent with the driver's masked record instead of the number:
 * the internet zone computes it from the ID number of a real-name 随申办 assertion and finds the citizen's own licence
 * by it. Unlike a plain SM3 of an 18-character number (a few billion candidates), it cannot be reversed by guessing
 * without the exchange keys.
 */
export function holderDigest(key: Buffer, idNumber: string): string {
  return hmacSm3(key, `shtp-holder-v1|${idNumber.trim().toUpperCase()}`).toString('hex');
}
