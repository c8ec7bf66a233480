import { constantTimeEqual, hmacSm3 } from '@shtp/gm';
import type { SmsBatch } from './gov-sms.port.ts';

/** The batch as it travels: the caller's account, signature, time, nonce and the MAC over all of it. */
export interface SmsWireBatch extends SmsBatch {
  appKey: string;
  signName: string;
  timestamp: string;
  nonce: string;
  mac: string;
}

/** The text the MAC covers: fields in a fixed order, the parameters sorted by name. */
export function smsCanonical(b: Omit<SmsWireBatch, 'mac'>): string {
  const params = Object.keys(b.params)
    .sort()
    .map((k) => `${k}=${b.params[k]}`)
    .join('&');
  return [b.appKey, b.batchId, b.signName, b.templateCode, params, b.phones.join(','), b.timestamp, b.nonce].join('\n');
}

export const smsMac = (secret: string, b: Omit<SmsWireBatch, 'mac'>): string => hmacSm3(Buffer.from(secret, 'utf8'), smsCanonical(b)).toString('hex');

export const smsMacValid = (secret: string, b: SmsWireBatch): boolean =>
  /^[0-9a-f]{64}$/.test(b.mac) && constantTimeEqual(Buffer.from(smsMac(secret, b), 'hex'), Buffer.from(b.mac, 'hex'));
