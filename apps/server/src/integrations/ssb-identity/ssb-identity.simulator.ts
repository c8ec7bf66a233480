import { sm2GenerateKeyPair, sm2Sign } from '@shtp/gm';
import { verifiedAssertion } from './ssb-identity.client.ts';
import type { CitizenIdentity, SsbIdentityPort } from './ssb-identity.port.ts';

/** The hub in process: signs assertions with its own SM2 key, verified the way the real verifier does it. */
export class SsbIdentitySimulator implements SsbIdentityPort {
  private readonly keys = sm2GenerateKeyPair();

  /** A citizen logs in to 随申办: the hub's assertion for the openid (and its certified person), valid `ttlSeconds` from `now`. */
  issue(openid: string, ttlSeconds = 300, now = new Date(), person?: { idNumber?: string; name?: string; mobile?: string }): string {
    const iat = Math.floor(now.getTime() / 1000);
    const body = Buffer.from(JSON.stringify({ iss: 'ssb', openid, iat, exp: iat + ttlSeconds, ...person })).toString('base64url');
    return `${body}.${sm2Sign(body, this.keys.privateKey).toString('hex')}`;
  }

  verify(assertion: string, now = new Date()): CitizenIdentity | null {
    return verifiedAssertion(assertion, this.keys.publicKey, now);
  }
}
