import type { Principal } from '../rbac/rbac.repository.ts';

/**
 * A second authentication factor (等保三级 IA-4). After the password is verified, the first registered
 * factor that `requiredFor` the user leaves the session pending until `verify` accepts the response.
 * The SM2 challenge-response factor of the cryptography module plugs in here.
 */
export interface SecondFactor {
  kind: string;
  requiredFor(principal: Principal): Promise<boolean>;
  /** Data the client needs to answer (e.g. a random challenge), bound to the session. */
  challenge(principal: Principal, sessionId: string): Promise<Record<string, unknown>>;
  verify(principal: Principal, sessionId: string, response: unknown): Promise<boolean>;
}

export class SecondFactorRegistry {
  private readonly factors: SecondFactor[] = [];

  register(factor: SecondFactor): void {
    this.factors.push(factor);
  }

  get(kind: string): SecondFactor | undefined {
    return this.factors.find((f) => f.kind === kind);
  }

  async requiredFor(principal: Principal): Promise<SecondFactor | undefined> {
    for (const f of this.factors) if (await f.requiredFor(principal)) return f;
    return undefined;
  }
}
