import { checkIdNumber, normaliseIdNumber } from '@shtp/core/validators';
import { sm2Verify } from '@shtp/gm';
import { z } from 'zod';
import type { CitizenIdentity, SsbIdentityPort } from './ssb-identity.port.ts';

const Payload = z.object({
  iss: z.literal('ssb'),
  openid: z.string().min(8).max(64),
  iat: z.number().int(),
  exp: z.number().int(),
  // A certified person: a valid GB 11643 number or the assertion is refused as a whole.
  idNumber: z
    .string()
    .refine((v) => checkIdNumber(v).ok)
    .optional(),
  name: z.string().min(1).max(64).optional(),
  // The account's mobile number as 随申办 holds it [A]: a malformed one refuses the assertion as a whole.
  mobile: z
    .string()
    .regex(/^1[3-9]\d{9}$/)
    .optional(),
});

/** Checks an assertion against the hub's SM2 public key: signature, shape, and time (a minute of clock skew allowed). */
export function verifiedAssertion(assertion: string, hubPublicKey: string, now: Date): CitizenIdentity | null {
  const [body, signature, extra] = assertion.split('.');
  if (!body || !signature || extra !== undefined || !/^[0-9a-f]+$/.test(signature)) return null;
  if (!sm2Verify(body, Buffer.from(signature, 'hex'), hubPublicKey)) return null;
  try {
    const payload = Payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!payload.success) return null;
    const seconds = now.getTime() / 1000;
    if (payload.data.iat > seconds + 60 || payload.data.exp <= seconds) return null;
    const { openid, idNumber, name, mobile } = payload.data;
    const person = idNumber ? { person: { idNumber: normaliseIdNumber(idNumber), ...(name ? { name } : {}) } } : {};
    return { openid, expiresAt: new Date(payload.data.exp * 1000), ...person, ...(mobile ? { mobile } : {}) };
  } catch {
    return null;
  }
}

/** The production verifier: the hub's public key (SSB_PUBLIC_KEY) is all it needs, no call to the hub. */
export class SsbIdentityVerifier implements SsbIdentityPort {
  constructor(private readonly hubPublicKey: string) {}

  verify(assertion: string, now = new Date()): CitizenIdentity | null {
    return verifiedAssertion(assertion, this.hubPublicKey, now);
  }
}
