import type { ServiceAccount } from '@shtp/core/platform';

/** The console form of a service account; the server's zod schema validates what is sent. */
export interface ServiceAccountForm {
  name?: string;
  departmentId?: number;
  scopes?: string[];
  ipAllowlist?: string[];
  signAlg?: ServiceAccount['signAlg'];
  publicKey?: string;
  rateLimitRps?: number | null;
  rateLimitBurst?: number | null;
}

export const NEW_ACCOUNT_DEFAULTS: ServiceAccountForm = { scopes: [], ipAllowlist: [], signAlg: 'HMAC-SM3', rateLimitRps: 20, rateLimitBurst: 40 };

export function formOf(a: ServiceAccount): ServiceAccountForm {
  return {
    name: a.name,
    departmentId: a.departmentId,
    scopes: a.scopes,
    ipAllowlist: a.ipAllowlist,
    rateLimitRps: a.rateLimitRps,
    rateLimitBurst: a.rateLimitBurst,
  };
}

/** Empty number inputs are left out, so the server's defaults (or the current values) apply. */
export function bodyOf(values: ServiceAccountForm, creating: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: values.name ?? '',
    departmentId: values.departmentId,
    scopes: values.scopes ?? [],
    ipAllowlist: (values.ipAllowlist ?? []).map((s) => s.trim()).filter(Boolean),
  };
  if (values.rateLimitRps !== null && values.rateLimitRps !== undefined) body.rateLimitRps = values.rateLimitRps;
  if (values.rateLimitBurst !== null && values.rateLimitBurst !== undefined) body.rateLimitBurst = values.rateLimitBurst;
  if (creating) {
    body.signAlg = values.signAlg;
    if (values.signAlg === 'SM2') body.publicKey = values.publicKey ?? '';
  }
  return body;
}
