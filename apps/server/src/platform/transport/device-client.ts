import { ENVELOPE_CONTENT_TYPE, type ServerKey } from '@shtp/core/platform';
import { MemoryReplayCache, openEnvelope, type ReplayCache, sealEnvelope } from '@shtp/gm';

/** A registered device: its code (the sender key ID) and its SM2 private key (hex). */
export interface DeviceCredentials {
  code: string;
  privateKey: string;
}

/** The server key a device seals to, as GET /api/transport/server-key returns it. */
export type ServerKeyRef = Pick<ServerKey, 'keyId' | 'publicKey'>;

export interface DeviceReply<T = unknown> {
  status: number;
  /** Whether the reply came sealed (every reply once the server has opened the request) or in plain JSON (a refusal). */
  sealed: boolean;
  body: T;
}

/** The body of an envelope request: the JSON payload sealed to the server key and signed by the device. */
export function sealRequest(body: unknown, device: DeviceCredentials, server: ServerKeyRef, now?: () => number): string {
  const envelope = sealEnvelope(JSON.stringify(body), {
    recipientPublicKey: server.publicKey,
    recipientKeyId: server.keyId,
    senderPrivateKey: device.privateKey,
    senderKeyId: device.code,
    now,
  });
  return JSON.stringify(envelope);
}

/**
 * Reads a reply: a sealed one is verified (signed by the server key, addressed to this device, fresh,
 * not replayed) and opened; a plain JSON one is a refusal the server could not seal. Throws GmError
 * when a sealed reply does not verify.
 */
export async function openReply<T = unknown>(
  reply: { status: number; contentType: string | undefined; text: string },
  device: DeviceCredentials,
  server: ServerKeyRef,
  replayCache: ReplayCache,
): Promise<DeviceReply<T>> {
  const sealed = (reply.contentType ?? '').split(';')[0]!.trim() === ENVELOPE_CONTENT_TYPE;
  if (!sealed) return { status: reply.status, sealed, body: JSON.parse(reply.text) as T };
  const opened = await openEnvelope(reply.text, {
    recipientPrivateKey: device.privateKey,
    recipientKeyId: device.code,
    senderPublicKey: (keyId) => (keyId === server.keyId ? server.publicKey : undefined),
    replayCache,
  });
  return { status: reply.status, sealed, body: JSON.parse(opened.payload.toString('utf8')) as T };
}

/**
 * A device talking to a server over HTTP(S) with envelopes, for tools and manual checks (tests use
 * `sealRequest`/`openReply` with app.inject). Fetches the server key on first use and again after the
 * server reports that the recipient key does not match (a rotation).
 */
export class DeviceClient {
  private server: ServerKeyRef | null = null;
  private readonly replies = new MemoryReplayCache();

  constructor(
    private readonly baseUrl: string,
    private readonly device: DeviceCredentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async serverKey(refresh = false): Promise<ServerKeyRef> {
    if (!this.server || refresh) {
      const res = await this.fetchImpl(new URL('/api/transport/server-key', this.baseUrl));
      if (!res.ok) throw new Error(`获取服务器传输公钥失败：HTTP ${res.status}`);
      this.server = (await res.json()) as ServerKey;
    }
    return this.server;
  }

  async post<T = unknown>(path: string, body: unknown): Promise<DeviceReply<T>> {
    const first = await this.send<T>(path, body, await this.serverKey());
    if (first.sealed || (first.body as { code?: string }).code !== 'ENVELOPE_WRONG_RECIPIENT') return first;
    return this.send<T>(path, body, await this.serverKey(true));
  }

  private async send<T>(path: string, body: unknown, server: ServerKeyRef): Promise<DeviceReply<T>> {
    const res = await this.fetchImpl(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': ENVELOPE_CONTENT_TYPE },
      body: sealRequest(body, this.device, server),
    });
    return openReply<T>(
      { status: res.status, contentType: res.headers.get('content-type') ?? undefined, text: await res.text() },
      this.device,
      server,
      this.replies,
    );
  }
}
