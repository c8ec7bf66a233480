import type { DbOrTx } from '../../../platform/db/client.ts';
import type { Platform } from '../../../platform/platform.ts';
import { workOrdersRepository as repo } from './work-orders.repository.ts';

/** Every work-order transition is a signed record (C5): `GET /api/signatures/tempplate-order-step/<order>:<version>`. */
export const STEP_SIGNED_TYPE = 'tempplate-order-step';

export interface StepFields {
  warningId: number;
  action: string;
  result: string | null;
  text: string | null;
  actorId: number | null;
  actorName: string;
  at: Date;
}

const signedFields = (f: StepFields) => ({ ...f, at: f.at.toISOString() });

/** Writes one signed step of an order, in the transition's transaction. */
export async function appendStep(platform: Platform, db: DbOrTx, orderId: number, orderVersion: number, f: StepFields): Promise<void> {
  const signed = platform.signer.sign(STEP_SIGNED_TYPE, `${orderId}:${orderVersion}`, signedFields(f));
  await repo.insertStep(db, {
    orderId,
    orderVersion,
    action: f.action,
    result: f.result,
    text: f.text,
    actorId: f.actorId,
    actorName: f.actorName,
    at: f.at,
    signature: signed.signature,
    signKeyVersion: signed.keyVersion,
  });
}

const parseKey = (id: string) => {
  const m = /^(\d{1,15}):(\d{1,9})$/.exec(id);
  return m ? { orderId: Number(m[1]), version: Number(m[2]) } : null;
};

/** The signed-record type of the steps, for the platform's signature check and sweep. */
export function registerStepSignatures(platform: Platform, permission: string, warningOf: (db: DbOrTx, orderId: number) => Promise<number | undefined>) {
  platform.signer.registerType({
    type: STEP_SIGNED_TYPE,
    label: '临牌预警工单办理步骤',
    permission,
    async load(db, id) {
      const key = parseKey(id);
      const step = key && (await repo.step(db, key.orderId, key.version));
      const warningId = step && (await warningOf(db, step.orderId));
      if (!step || warningId == null) return null;
      const fields = signedFields({
        warningId,
        action: step.action,
        result: step.result,
        text: step.text,
        actorId: step.actorId,
        actorName: step.actorName,
        at: step.at,
      });
      return { fields, signature: step.signature, keyVersion: step.signKeyVersion, signedAt: step.at, signedBy: step.actorName };
    },
    async list(db, after, limit) {
      const rows = await repo.stepKeysAfter(db, after === null ? null : parseKey(after), limit);
      return rows.map((r) => `${r.orderId}:${r.orderVersion}`);
    },
  });
}
