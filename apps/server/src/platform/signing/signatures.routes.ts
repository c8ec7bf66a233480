import {
  SignatureBatchBodySchema,
  SignatureBatchParamsSchema,
  SignatureBatchSchema,
  SignatureParamsSchema,
  SignaturePublicKeysSchema,
  type SignatureVerification,
  SignatureVerificationSchema,
} from '@shtp/core/platform';
import { sm2PublicKeyToPem } from '@shtp/gm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.ts';
import { actorOf, authOf } from '../http/access.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { RECORD_SIGN_ALGORITHM, RECORD_SIGN_USER_ID, recordSignKeyId, type SignedRecord } from './record-signer.ts';

const tags = ['记录签名'];
const CANONICAL_FORM = 'RFC 8785 (JCS) JSON of {"fields":…,"id":…,"type":…}; dates as ISO 8601 UTC strings';

const verificationOf = (record: SignedRecord, valid: boolean): SignatureVerification => ({
  valid,
  keyVersion: record.keyVersion,
  signerKeyId: recordSignKeyId(record.keyVersion),
  signedAt: new Date(record.signedAt).toISOString(),
  signedBy: record.signedBy,
  algorithm: RECORD_SIGN_ALGORITHM,
});

export async function signaturesRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { signer } = platform;

  app.get(
    '/api/signatures/public-keys',
    { config: { access: 'session' }, schema: { tags, summary: '记录签名公钥（供离线验签）', response: { 200: SignaturePublicKeysSchema } } },
    () => ({
      algorithm: RECORD_SIGN_ALGORITHM,
      userId: RECORD_SIGN_USER_ID,
      canonicalForm: CANONICAL_FORM,
      keys: signer.publicKeys().map((k) => ({ ...k, pem: sm2PublicKeyToPem(k.publicKey) })),
    }),
  );

  // The route is open to sessions; the record type decides the permission (that of reading the record).
  app.get(
    '/api/signatures/:type/:id',
    { config: { access: 'session' }, schema: { tags, summary: '校验记录签名', params: SignatureParamsSchema, response: { 200: SignatureVerificationSchema } } },
    async (request) => {
      const { type: typeName, id } = request.params;
      const type = signer.type(typeName);
      if (!type) throw notFound('记录类型');
      if (!authOf(request).principal.permissions.has(type.permission)) {
        await audit(platform.db, actorOf(request), {
          action: 'auth.denied',
          result: 'failure',
          targetType: 'route',
          targetId: `GET /api/signatures/${typeName}/:id`,
          reason: `缺少权限 ${type.permission}`,
        });
        throw forbidden();
      }
      // Outside the caller's data scope or above their clearance: not found, as for the record itself, and audited.
      const refusal = await type.reach?.(platform.db, authOf(request).principal, id);
      if (refusal) {
        await audit(platform.db, actorOf(request), {
          action: 'signature.verify',
          targetType: typeName,
          targetId: id,
          result: 'failure',
          errorCode: 'NOT_FOUND',
          reason: refusal,
        });
        throw notFound(type.label);
      }
      const record = await type.load(platform.db, id);
      if (!record) throw notFound(type.label);
      const valid = await signer.verify(typeName, id, record.fields, record.signature, record.keyVersion);
      await audit(platform.db, actorOf(request), {
        action: 'signature.verify',
        targetType: typeName,
        targetId: id,
        result: valid ? 'success' : 'failure',
        reason: valid ? undefined : '签名无效，记录可能被篡改',
        details: { keyVersion: record.keyVersion },
      });
      return verificationOf(record, valid);
    },
  );

  // A record's history on one page: every signature checked, one audit record (not one per row) naming the failures.
  app.post(
    '/api/signatures/:type/verify',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '批量校验记录签名',
        params: SignatureBatchParamsSchema,
        body: SignatureBatchBodySchema,
        response: { 200: SignatureBatchSchema },
      },
    },
    async (request) => {
      const { type: typeName } = request.params;
      const type = signer.type(typeName);
      if (!type) throw notFound('记录类型');
      const principal = authOf(request).principal;
      if (!principal.permissions.has(type.permission)) {
        await audit(platform.db, actorOf(request), {
          action: 'auth.denied',
          result: 'failure',
          targetType: 'route',
          targetId: `POST /api/signatures/${typeName}/verify`,
          reason: `缺少权限 ${type.permission}`,
        });
        throw forbidden();
      }
      const ids = [...new Set(request.body.ids)];
      const answer: Record<string, SignatureVerification | null> = {};
      const invalid: string[] = [];
      const unreachable: string[] = [];
      for (const id of ids) {
        const record = (await type.reach?.(platform.db, principal, id)) ? null : await type.load(platform.db, id);
        if (!record) {
          unreachable.push(id);
          answer[id] = null;
          continue;
        }
        const valid = await signer.verify(typeName, id, record.fields, record.signature, record.keyVersion);
        if (!valid) invalid.push(id);
        answer[id] = verificationOf(record, valid);
      }
      const failed = invalid.length > 0 || unreachable.length > 0;
      await audit(platform.db, actorOf(request), {
        action: 'signature.verify',
        targetType: typeName,
        targetId: ids.length === 1 ? ids[0] : `${ids[0]} 等 ${ids.length} 条`,
        result: failed ? 'failure' : 'success',
        reason: invalid.length > 0 ? '签名无效，记录可能被篡改' : unreachable.length > 0 ? '记录不存在或不在数据范围内' : undefined,
        details: { ids, invalid, unreachable },
      });
      return answer;
    },
  );
}
