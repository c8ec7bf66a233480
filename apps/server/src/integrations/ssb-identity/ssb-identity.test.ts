import { sm2GenerateKeyPair } from '@shtp/gm';
import { describe, expect, it } from 'vitest';
import { SsbIdentityVerifier } from './ssb-identity.client.ts';
import { SsbIdentitySimulator } from './ssb-identity.simulator.ts';
import { createSsbIdentityPort } from './ssb-identity.ts';

describe('随申办 identity assertion', () => {
  const hub = new SsbIdentitySimulator();
  const now = new Date('2026-12-03T01:00:00Z');

  it('accepts a current assertion signed by the hub, and nothing else', () => {
    const assertion = hub.issue('ssb-openid-00000001', 300, now);
    expect(hub.verify(assertion, now)).toEqual({ openid: 'ssb-openid-00000001', expiresAt: new Date(now.getTime() + 300_000) });
    const [body, signature] = assertion.split('.');
    const forged = Buffer.from(JSON.stringify({ iss: 'ssb', openid: 'ssb-openid-99999999', iat: 0, exp: 9e9 })).toString('base64url');
    expect(hub.verify(`${forged}.${signature}`, now)).toBeNull();
    expect(hub.verify(`${body}.${signature}.x`, now)).toBeNull();
    expect(hub.verify(assertion, new Date(now.getTime() + 300_000))).toBeNull();
    // Another hub's key does not verify it.
    expect(new SsbIdentityVerifier(sm2GenerateKeyPair().publicKey).verify(assertion, now)).toBeNull();
  });

  it('refuses a malformed key and verifies nothing in production without one', () => {
    expect(() => createSsbIdentityPort({ SSB_PUBLIC_KEY: 'abc' }, { env: 'development' })).toThrow('SSB_PUBLIC_KEY');
    expect(createSsbIdentityPort({}, { env: 'production' }).port.verify(hub.issue('ssb-openid-00000001'))).toBeNull();
    expect(createSsbIdentityPort({}, { env: 'test' }).simulator).toBeInstanceOf(SsbIdentitySimulator);
  });
});
