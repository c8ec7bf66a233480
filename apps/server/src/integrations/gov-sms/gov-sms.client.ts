import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type JsonAnswer, postJson } from '../json-post.ts';
import { type GovSmsPort, type SmsAccepted, type SmsBatch, type SmsDeliveryReport, SmsError } from './gov-sms.port.ts';
import { type SmsWireBatch, smsMac } from './gov-sms.wire.ts';

export const SMS_PATHS = { send: 'sms/batch', reports: 'sms/reports' } as const;
const Sent = z.object({ messages: z.array(z.object({ phone: z.string(), msgId: z.string().min(1) })) });
const Reports = z.object({
  reports: z.array(z.object({ msgId: z.string(), phone: z.string(), status: z.enum(['DELIVRD', 'UNDELIV']), at: z.string() })),
});
const TIMEOUT_MS = 10_000;

/** How a request reaches the gateway: HTTP JSON by default; the simulator's `receive` in tests and demos. */
export type SmsTransport = (path: string, body: unknown, schema: z.ZodType) => Promise<JsonAnswer<unknown>>;

export interface SmsAccount {
  appKey: string;
  secret: string;
  signName: string;
}

/** The real client: each batch carries the account, signature, time, a fresh nonce and the HMAC-SM3 over them. */
export class GovSmsClient implements GovSmsPort {
  constructor(
    private readonly account: SmsAccount,
    private readonly transport: SmsTransport,
  ) {}

  static http(url: string, account: SmsAccount): GovSmsClient {
    return new GovSmsClient(account, (path, body, schema) => postJson('政务云短信平台', new URL(path, url), body, schema, TIMEOUT_MS));
  }

  private wire<T extends object>(body: T) {
    const unsigned = {
      ...body,
      appKey: this.account.appKey,
      signName: this.account.signName,
      timestamp: String(Date.now()),
      nonce: randomBytes(16).toString('hex'),
    };
    return unsigned;
  }

  async send(batch: SmsBatch): Promise<SmsAccepted> {
    const unsigned: Omit<SmsWireBatch, 'mac'> = this.wire({ ...batch, phones: [...batch.phones] });
    const answer = await this.transport(SMS_PATHS.send, { ...unsigned, mac: smsMac(this.account.secret, unsigned) }, Sent);
    if (!answer.ok) throw new SmsError('UNAVAILABLE', answer.reason, true);
    return answer.data as SmsAccepted;
  }

  async reports(): Promise<SmsDeliveryReport[]> {
    const unsigned = this.wire({ batchId: '', templateCode: '', params: {}, phones: [] as string[] });
    const answer = await this.transport(SMS_PATHS.reports, { ...unsigned, mac: smsMac(this.account.secret, unsigned) }, Reports);
    if (!answer.ok) throw new SmsError('UNAVAILABLE', answer.reason, true);
    return (answer.data as z.infer<typeof Reports>).reports;
  }
}
