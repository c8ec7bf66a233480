import { ENVELOPE_CONTENT_TYPE, HeartbeatBodySchema, HeartbeatReplySchema, type ServerKey, ServerKeySchema } from '@shtp/core/platform';
import { sm2PublicKeyToPem } from '@shtp/gm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../platform.ts';
import { devicesRepository } from './devices.repository.ts';
import { deviceOf } from './envelope-transport.ts';
import { transportParams } from './transport.params.ts';
import { currentTransportKey } from './transport-key.ts';

const tags = ['传输保护'];

/**
 * The device side of C1. `server-key` is public (a device needs it before it can seal anything); the
 * heartbeat is `access: 'public'` at the session level because the envelope itself authenticates the device.
 */
export async function transportRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/transport/server-key',
    { config: { access: 'public' }, schema: { tags, summary: '服务器传输公钥（终端据此封装数字信封）', response: { 200: ServerKeySchema } } },
    async (): Promise<ServerKey> => {
      const key = currentTransportKey(platform.keys);
      return {
        keyId: key.keyId,
        version: key.version,
        algorithm: 'SM2',
        publicKey: key.publicKey,
        publicKeyPem: sm2PublicKeyToPem(key.publicKey),
        contentType: ENVELOPE_CONTENT_TYPE,
        maxAgeSeconds: await platform.params.get(transportParams.maxAgeSeconds),
      };
    },
  );
  app.post(
    '/api/transport/heartbeat',
    {
      config: { access: 'public', envelope: 'any' },
      schema: { tags, summary: '终端心跳（数字信封）', body: HeartbeatBodySchema, response: { 200: HeartbeatReplySchema } },
    },
    async (request) => {
      const device = deviceOf(request);
      await devicesRepository.recordAppVersion(platform.db, device.id, request.body.appVersion);
      const now = Date.now();
      const key = currentTransportKey(platform.keys); // tells the device when the key has been rotated
      return {
        serverTime: new Date(now).toISOString(),
        clockOffsetMs: now - Date.parse(request.body.time),
        serverKeyId: key.keyId,
        serverKeyVersion: key.version,
      };
    },
  );
}
