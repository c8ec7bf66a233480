import type { EbikeBusinessType } from '@shtp/core/ebike';
import { sm3 } from '@shtp/gm';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Principal } from '../../platform/rbac/rbac.repository.ts';
import { ebikeUploadJob } from './ebike.jobs.ts';
import { type BusinessRow, ebikeRepository as repo } from './ebike.repository.ts';
import { changesOf, type VehicleRecord } from './vehicle-record.ts';

export const SNAPSHOT_CONTEXT = 'ebike_businesses.snapshot_enc';

/** What the ledger keeps of a business besides its items: the full picture 六合一 and a privileged view get. */
export interface Snapshot {
  before: VehicleRecord | null;
  after: VehicleRecord;
  agent?: { idNumber: string; name: string } | undefined;
  /**
   * The business's own items that are not vehicle items, as entered (注销原因 code and note, 补领/换领, theft date,
   * place and case number), for the 六合一 write; older entries lack it.
   */
  details?: Record<string, string> | undefined;
}

export interface LedgerEntry {
  vehicleId: number;
  type: EbikeBusinessType;
  ywlx?: string | null;
  ywyy?: string | null;
  reason?: string | null;
  correctsId?: number | null;
  snapshot: Snapshot;
}

/** The record type of e-bike business signatures (C5), verified by GET /api/signatures/ebike-business/:lsh. */
export const SIGNED_TYPE = 'ebike-business';

/**
 * What the SM2 signature covers: the business as stored, and the SM3 digest of its snapshot's plaintext
 * (not of the ciphertext, which key rotation re-encrypts). Upload state is not covered: it changes.
 */
export type SignedPart = Pick<
  BusinessRow,
  'lsh' | 'vehicleId' | 'type' | 'ywlx' | 'ywyy' | 'reason' | 'changes' | 'correctsId' | 'operatorId' | 'operatorName' | 'departmentId' | 'createdAt'
>;

export function signedFields(b: SignedPart, snapshotPlain: string): Record<string, unknown> {
  return {
    lsh: b.lsh,
    vehicleId: b.vehicleId,
    type: b.type,
    ywlx: b.ywlx,
    ywyy: b.ywyy,
    reason: b.reason,
    changes: b.changes,
    correctsId: b.correctsId,
    operatorId: b.operatorId,
    operatorName: b.operatorName,
    departmentId: b.departmentId,
    createdAt: new Date(b.createdAt).toISOString(),
    snapshotSm3: sm3(Buffer.from(snapshotPlain, 'utf8')).toString('hex'),
  };
}

/**
 * Appends one business to the ledger inside the caller's transaction: serial number, masked changes,
 * encrypted snapshot, SM2 signature of the record (C5), the 六合一 upload job (outbox) and the audit record.
 */
export async function appendBusiness(
  platform: Platform,
  tx: Tx,
  who: { principal: Principal; actor: Actor; requestKey?: string | undefined; requestDigest?: string | undefined },
  uploadMaxAttempts: number,
  e: LedgerEntry,
) {
  const lsh = await repo.nextLsh(tx);
  const snapshot = JSON.stringify(e.snapshot);
  const snapshotEnc = await platform.fields.encrypt(snapshot, SNAPSHOT_CONTEXT);
  const part: SignedPart = {
    lsh,
    createdAt: new Date(),
    vehicleId: e.vehicleId,
    type: e.type,
    ywlx: e.ywlx ?? null,
    ywyy: e.ywyy ?? null,
    reason: e.reason ?? null,
    changes: changesOf(e.snapshot.before, e.snapshot.after),
    correctsId: e.correctsId ?? null,
    operatorId: who.principal.user.id,
    operatorName: who.principal.user.displayName,
    departmentId: who.principal.department.id,
  };
  const signed = platform.signer.sign(SIGNED_TYPE, lsh, signedFields(part, snapshot));
  const row = await repo.insertBusiness(tx, {
    ...part,
    snapshotEnc,
    requestKey: who.requestKey ?? null,
    requestDigest: who.requestKey ? (who.requestDigest ?? null) : null,
    signature: signed.signature,
    signKeyVersion: signed.keyVersion,
  });
  await platform.jobs.enqueue(tx, ebikeUploadJob, { businessId: row.id }, { idempotencyKey: `ebike-upload:${lsh}`, maxAttempts: uploadMaxAttempts });
  await audit(tx, who.actor, { action: `ebike.${e.type}`, targetType: 'nm_vehicle', targetId: e.vehicleId, details: { lsh } });
  return row;
}
