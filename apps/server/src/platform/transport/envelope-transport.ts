import { DEVICE_CAPABILITY_LABELS, type DeviceCapability, ENVELOPE_CONTENT_TYPE } from '@shtp/core/platform';
import { type GmErrorCode, isGmError, openEnvelope, sealEnvelope } from '@shtp/gm';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preValidationHookHandler } from 'fastify';
import { audit } from '../audit/audit.ts';
import { actorOf } from '../http/access.ts';
import { asArray } from '../http/route-hooks.ts';
import type { Platform } from '../platform.ts';
import { type DeviceIdentity, devicesRepository } from './devices.repository.ts';
import { envelopeRejection, type RejectionCode, rejectionMessage } from './envelope-rejection.ts';
import { DbReplayCache } from './replay-cache.repository.ts';
import { ENVELOPE_MAX_AGE_LIMIT_SECONDS, transportParams } from './transport.params.ts';
import { currentTransportKey, type TransportKey } from './transport-key.ts';

/** The registered device that sealed the request, and the server key that opened it (and seals the reply). */
export interface EnvelopeSender {
  id: number;
  code: string;
  publicKey: string;
  serverKey: TransportKey;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route talks to PDA devices in digital envelopes (C1): the request body must be an envelope from a
     * registered active device, sealed to the server's transport key; the reply is sealed back to the device.
     * The device must be registered with the capability the route names: `true` is a handheld route (`pda`),
     * `'breathalyser'` a breathalyser's, `'any'` open to every registered device (the heartbeat).
     */
    envelope?: boolean | DeviceCapability | 'any';
  }
  interface FastifyRequest {
    device: EnvelopeSender | null;
  }
}

/** The device of an envelope route (its hook has already opened the request). */
export function deviceOf(request: FastifyRequest): EnvelopeSender {
  if (!request.device) throw envelopeRejection('DEVICE_NOT_REGISTERED');
  return request.device;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The capability a sealed route requires of its sender, or null for any registered device. */
function requiredCapability(envelope: true | DeviceCapability | 'any'): DeviceCapability | null {
  if (envelope === 'any') return null;
  return envelope === true ? 'pda' : envelope;
}

const capabilityRefusal = (needed: DeviceCapability) =>
  needed === 'breathalyser'
    ? '本终端未登记为酒精测试仪（或绑定酒精测试仪的终端），不能推送酒精测量数据；请在安全管理 › 终端管理中核对终端类型'
    : `本终端未登记为${DEVICE_CAPABILITY_LABELS[needed]}，不能调用此接口；请在安全管理 › 终端管理中核对终端类型`;

/** The sender key ID the envelope claims, for the audit record of a refusal (never trusted for anything else). */
function claimedSender(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const sender: unknown = JSON.parse(body)?.sender;
    return typeof sender === 'string' ? sender.slice(0, 64) : undefined;
  } catch {
    return undefined;
  }
}

const GM_REJECTIONS: Partial<Record<GmErrorCode, RejectionCode>> = {
  ENVELOPE_TAMPERED: 'ENVELOPE_TAMPERED',
  ENVELOPE_REPLAYED: 'ENVELOPE_REPLAYED',
  ENVELOPE_EXPIRED: 'ENVELOPE_EXPIRED',
  ENVELOPE_WRONG_RECIPIENT: 'ENVELOPE_WRONG_RECIPIENT',
};
const rejectionOf = (code: GmErrorCode): RejectionCode => GM_REJECTIONS[code] ?? 'ENVELOPE_MALFORMED';

function mediaType(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Envelope transport for the routes that declare `config.envelope`: a content-type parser that keeps the
 * sealed text, a preValidation hook (after the access check) that opens it and hands the JSON payload to
 * the route's body schema, and an onSend hook that seals every reply — errors included — to the device.
 * A refused request changes nothing but the audit log (`transport.reject`) and is answered in plain JSON.
 */
export function installEnvelopeTransport(app: FastifyInstance, platform: Platform): void {
  app.decorateRequest('device', null);
  app.addContentTypeParser(ENVELOPE_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, body));

  const reject = async (request: FastifyRequest, code: RejectionCode, detail?: string, message?: string) => {
    const reason = message ?? rejectionMessage(code);
    await audit(platform.db, actorOf(request), {
      action: 'transport.reject',
      result: 'failure',
      targetType: 'device',
      targetId: claimedSender(request.body),
      reason: detail ? `${reason}：${detail}` : reason,
      details: { code, route: `${request.method} ${request.routeOptions.url}` },
    });
    return envelopeRejection(code, message);
  };

  const openRequest: preValidationHookHandler = async (request) => {
    if (mediaType(request) !== ENVELOPE_CONTENT_TYPE || typeof request.body !== 'string') throw await reject(request, 'ENVELOPE_REQUIRED');
    const serverKey = currentTransportKey(platform.keys);
    const maxAgeSeconds = await platform.params.get(transportParams.maxAgeSeconds);
    let device: DeviceIdentity | undefined;
    let opened: Awaited<ReturnType<typeof openEnvelope>>;
    try {
      opened = await openEnvelope(request.body, {
        recipientPrivateKey: serverKey.privateKey,
        recipientKeyId: serverKey.keyId,
        senderPublicKey: async (code) => {
          device = await devicesRepository.identity(platform.db, code);
          return device?.status === 'active' ? device.publicKey : undefined;
        },
        maxAgeMs: maxAgeSeconds * 1000,
        maxFutureSkewMs: (await platform.params.get(transportParams.maxFutureSkewSeconds)) * 1000,
        replayCache: new DbReplayCache(platform.db, (ENVELOPE_MAX_AGE_LIMIT_SECONDS - maxAgeSeconds) * 1000),
      });
    } catch (err) {
      if (!isGmError(err)) throw err;
      const unknownSender = err.code === 'ENVELOPE_TAMPERED' && device?.status !== 'active';
      throw await reject(request, unknownSender ? 'DEVICE_NOT_REGISTERED' : rejectionOf(err.code), err.message);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(opened.payload.toString('utf8'));
    } catch {
      throw await reject(request, 'ENVELOPE_PAYLOAD_INVALID');
    }
    const sender = device!;
    // Authenticated by its signature above; now it must be registered as the kind of device the route is for.
    const needed = requiredCapability(request.routeOptions.config.envelope as true | DeviceCapability | 'any');
    if (needed && !sender.capabilities.includes(needed)) {
      throw await reject(request, 'DEVICE_CAPABILITY_MISSING', sender.code, capabilityRefusal(needed));
    }
    // A device is bound to its department: a signed-in officer must belong to it or to a unit below it.
    const officer = request.auth?.principal.department.path;
    if (officer !== undefined && !officer.startsWith(sender.departmentPath)) throw await reject(request, 'DEVICE_OTHER_DEPARTMENT', sender.code);
    request.body = payload;
    request.device = { id: sender.id, code: sender.code, publicKey: sender.publicKey, serverKey };
    await devicesRepository.touch(platform.db, sender.id);
  };

  const sealReply: onSendHookHandler = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const device = request.device;
    if (!device) return payload; // refused before the sender was known: nothing to seal to
    if (payload !== null && payload !== undefined && typeof payload !== 'string' && !Buffer.isBuffer(payload)) {
      throw new Error('envelope routes reply with JSON, not streams');
    }
    const sealed = sealEnvelope(payload ?? '', {
      recipientPublicKey: device.publicKey,
      recipientKeyId: device.code,
      senderPrivateKey: device.serverKey.privateKey,
      senderKeyId: device.serverKey.keyId,
    });
    reply.header('content-type', ENVELOPE_CONTENT_TYPE);
    return JSON.stringify(sealed);
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.envelope) return;
    const methods = asArray(route.method);
    if (!methods.every((m) => BODY_METHODS.has(m))) throw new Error(`envelope route ${route.url} must take a request body (POST/PUT/PATCH)`);
    // Route-level hooks run after the global ones, so the session and permission checks come first.
    route.preValidation = [...asArray(route.preValidation), openRequest];
    route.onSend = [...asArray(route.onSend), sealReply];
  });
}
