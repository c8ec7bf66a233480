import { z } from 'zod';
import { safeString } from '../validators/zod.ts';

/** C5 record signatures: what `GET /api/signatures/:type/:id` answers. */
export const SignatureVerificationSchema = z.object({
  /** Whether the record as stored now still matches its signature. */
  valid: z.boolean(),
  keyVersion: z.number().int(),
  /** `record-sign:<version>`: the published public key to verify with (`GET /api/signatures/public-keys`). */
  signerKeyId: z.string(),
  signedAt: z.string(),
  signedBy: z.string().nullable(),
  algorithm: z.literal('SM2-with-SM3'),
});
export type SignatureVerification = z.infer<typeof SignatureVerificationSchema>;

export const SignatureParamsSchema = z.strictObject({
  type: safeString().regex(/^[a-z][a-z0-9-]{0,63}$/, '记录类型无效'),
  id: safeString().min(1, '记录编号无效').max(100, '记录编号无效'),
});

/** Several records of one type verified at once (a record's history): one audit record for the whole check. */
export const SIGNATURE_BATCH_MAX = 100;
export const SignatureBatchParamsSchema = SignatureParamsSchema.pick({ type: true });
export const SignatureBatchBodySchema = z.strictObject({
  ids: z
    .array(safeString().min(1, '记录编号无效').max(100, '记录编号无效'), { error: '请提供要校验的记录编号' })
    .min(1, '请提供要校验的记录编号')
    .max(SIGNATURE_BATCH_MAX, `一次最多校验 ${SIGNATURE_BATCH_MAX} 条记录`),
});
/** Per id: its verification, or null when the record does not exist or is out of the caller's reach. */
export const SignatureBatchSchema = z.record(z.string(), SignatureVerificationSchema.nullable());
export type SignatureBatch = z.infer<typeof SignatureBatchSchema>;

/** A record-signing public key, for verifying offline (`openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:shtp-record`). */
export const SignaturePublicKeySchema = z.object({
  keyId: z.string(),
  version: z.number().int(),
  status: z.string(),
  /** Uncompressed hex `04‖x‖y`. */
  publicKey: z.string(),
  /** SubjectPublicKeyInfo PEM of the same key, for `openssl`. */
  pem: z.string(),
});
export type SignaturePublicKey = z.infer<typeof SignaturePublicKeySchema>;

export const SignaturePublicKeysSchema = z.object({
  algorithm: z.literal('SM2-with-SM3'),
  /** The SM2 signer ID (distid) every record signature uses. */
  userId: z.string(),
  /** How the signed bytes are built from a record. */
  canonicalForm: z.string(),
  keys: z.array(SignaturePublicKeySchema),
});
export type SignaturePublicKeys = z.infer<typeof SignaturePublicKeysSchema>;
