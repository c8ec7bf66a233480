import type { DataKey, KeySpec } from '../keys/key-types.ts';
import type { KeyStore } from '../keys/keystore.ts';

/**
 * C1: the server's SM2 key pair for PDA envelopes. Devices seal requests to its public key; the server
 * signs its sealed replies with it. Rotation takes effect at once: a device that sealed to the old
 * version is told the recipient does not match and fetches the new key (GET /api/transport/server-key).
 */
export const TRANSPORT_KEY: KeySpec = { purpose: 'transport', algorithm: 'SM2', label: '传输保护密钥（SM2，终端数字信封）', rotatable: true };

/** The recipient key ID of envelopes sealed to a version of the transport key. */
export const transportKeyId = (version: number) => `${TRANSPORT_KEY.purpose}:${version}`;

export interface TransportKey {
  keyId: string;
  version: number;
  privateKey: string;
  publicKey: string;
}

/** The active transport key, from memory (safe inside a transaction). */
export function currentTransportKey(keys: KeyStore): TransportKey {
  const key: DataKey = keys.current(TRANSPORT_KEY.purpose);
  if (!key.publicKey) throw new Error('transport key has no public key');
  return { keyId: transportKeyId(key.version), version: key.version, privateKey: key.material.toString('hex'), publicKey: key.publicKey };
}
