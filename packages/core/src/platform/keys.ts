import { z } from 'zod';
import { safeString } from '../validators/zod.ts';

/** One version of a data key for the key-management console: metadata only, never key material. */
export const KeyInfoSchema = z.object({
  purpose: z.string(),
  label: z.string(),
  algorithm: z.string(),
  version: z.number().int(),
  /** active | retired */
  status: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  rotatable: z.boolean(),
  /** SM2 keys only: the public key, uncompressed hex. */
  publicKey: z.string().nullable(),
});
export type KeyInfo = z.infer<typeof KeyInfoSchema>;

export const KeyPurposeParamsSchema = z.strictObject({ purpose: safeString().regex(/^[a-z][a-z0-9-]{0,63}$/, '密钥用途无效') });

export const KeyRotateResultSchema = z.object({
  purpose: z.string(),
  version: z.number().int(),
  /** The re-encryption job enqueued by the rotation (pii-enc), to follow in the job list. */
  reencryptJobId: z.number().int().nullable(),
});
export type KeyRotateResult = z.infer<typeof KeyRotateResultSchema>;
