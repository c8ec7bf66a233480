/**
 * The stored form of a protected personal-data field (C4) as pure functions of key material: FieldCrypto uses them on
 * the request thread, the CPU pool's tasks on its worker threads (ADR 0022). No key store, no I/O.
 */
import { aeadOpen, aeadSeal, hmacSm3 } from '@shtp/gm';

const PREFIX = 'f1';

/** The key version inside a stored field, or null when the value is not an encrypted field. */
export function fieldKeyVersion(stored: string): number | null {
  const m = /^f1\.(\d+)\./.exec(stored);
  return m ? Number(m[1]) : null;
}

/** A value sealed as a stored field (`f1.<keyVersion>.<base64>`); pure, so that the CPU pool's threads run it too. */
export function sealField(material: Uint8Array, version: number, value: string, context: string): string {
  const sealed = aeadSeal(material, Buffer.from(value, 'utf8'), Buffer.from(context));
  return `${PREFIX}.${version}.${sealed.toString('base64')}`;
}

/** The clear text of a stored field sealed with `material`; throws if altered or moved. Pure, for the pool too. */
export function openField(material: Uint8Array, stored: string, context: string): string {
  const body = stored.slice(stored.indexOf('.', PREFIX.length + 1) + 1);
  return aeadOpen(material, Buffer.from(body, 'base64'), Buffer.from(context)).toString('utf8');
}

/** The blind index of a value (see FieldCrypto.blindIndex); pure, for the CPU pool's threads as well. */
export function blindIndexOf(material: Uint8Array, value: string, kind: string): string {
  const normalised = value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return hmacSm3(Buffer.from(material), Buffer.from(`${kind}\u0000${normalised}`, 'utf8')).toString('hex');
}

/** One value to seal (`context`) or to index (`kind`) in a batch on the CPU pool. */
export type FieldJob = { seal: string; context: string } | { index: string; kind: string };
