import { SignatureParamsSchema, SignaturePublicKeysSchema, SignatureVerificationSchema } from '@shtp/core/platform';
import { sm2PublicKeyToPem } from '@shtp/gm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.ts';
import { actorOf, authOf } from '../http/access.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Platform } from '../platform.ts';
import { RECORD_SIGN_ALGORITHM, RECORD_SIGN_USER_ID, recordSignKeyId } from './record-signer.ts';

const tags = ['记录签名'];
const CANONICAL_FORM = 'RFC 8785 (JCS) JSON of {"fields":…,"id":…,"type":…}; dates as ISO 8601 UTC strings';

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
      return {
        valid,
        keyVersion: record.keyVersion,
        signerKeyId: recordSignKeyId(record.keyVersion),
        signedAt: new Date(record.signedAt).toISOString(),
        signedBy: record.signedBy,
        algorithm: RECORD_SIGN_ALGORITHM,
      };
    },
  );
}
