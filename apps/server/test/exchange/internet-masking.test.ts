import type { MaskRule } from '@shtp/core/masking';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test-app.ts';

/*
 * G1–G3: every response of the internet zone is walked (its OpenAPI document, built from the routes' zod schemas);
 * a field that looks like a citizen's personal data must name the masking rule its view applies, else the test fails.
 * Staff and organisation fields of the back office (behind permissions, not citizens' data) are listed apart.
 */

/** Field names that carry a citizen's personal data (SECURITY.md §2 and the 六合一 abbreviations of §3). */
const CITIZEN =
  /(^|[a-z])(id_?number|sfzmhm|phone|mobile|address|plate|hphm|vin|clsbdh|licen[cs]e|jszh|dabh|xm|email|ownerName|dsr|driverName|citizenName|realName|openid)$/i;
/** Back-office accounts and organisation: shown to administrators with the permission, never to citizens. */
const STAFF_OR_ORGANISATION = new Set(['username', 'displayName', 'name', 'departmentName', 'policeNo', 'ip']);
/** `METHOD path field` → the masking rule the route's view applies. */
const MASKED_RESPONSE_FIELDS: Readonly<Record<string, MaskRule>> = {
  // G6: the plate as it crossed the gap, masked by the violations data set's rule before it left the police zone.
  'POST /api/payments/violation-query hphm': 'plate',
  // G2: the citizen's own licence as it crossed, masked by the drivers data set's rules before it left the police zone.
  'POST /api/payments/driver-query xm': 'name',
  'POST /api/payments/driver-query jszh': 'idNumber',
  'POST /api/payments/driver-query dabh': 'code',
  // G5: the local citizen accounts for the zone's administrator, decrypted and masked by the route's view.
  'GET /api/payments/citizen-accounts idNumber': 'idNumber',
  'GET /api/payments/citizen-accounts citizenName': 'name',
  'GET /api/payments/citizen-accounts/{id}/identities openid': 'code',
  // G9: the number of each SMS in the send states, decrypted and masked by the route's service.
  'GET /api/payments/sms-messages mobile': 'phone',
  'POST /api/payments/sms-messages/{id}/resend mobile': 'phone',
  // G13: the plate a citizen wished in its pre-registration, masked in the answer to the partner.
  'POST /api/preregistrations plateWanted': 'plate',
  'GET /api/preregistrations/{preregNo} plateWanted': 'plate',
  'POST /api/preregistrations/{preregNo}/photos plateWanted': 'plate',
};
const ANY_PERSONAL = /name|number|phone|mobile|address|plate|vin|licen|email|ip$/i;
/** Names of published files (G8 attachments): public documents reviewed before publication, no citizen's data. */
const PUBLIC_DOCUMENT = new Set(['filename']);
/** An SMS template's gateway code and registered name (G9): no citizen's data, only "tem-plate" looks like a plate. */
const SMS_TEMPLATE = new Set(['templateCode', 'templateName']);

type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

/** The response fields of a document that are personal and neither masked by a declared rule nor staff/organisation fields. */
export function unmaskedPersonalFields(
  doc: { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>> },
  masked: Readonly<Record<string, MaskRule>>,
): string[] {
  const found: string[] = [];
  const walk = (s: Schema | undefined, where: string) => {
    if (!s || typeof s !== 'object') return;
    for (const [field, sub] of Object.entries(s.properties ?? {})) {
      const key = `${where} ${field}`;
      const personal =
        CITIZEN.test(field) || (ANY_PERSONAL.test(field) && !STAFF_OR_ORGANISATION.has(field) && !PUBLIC_DOCUMENT.has(field) && !SMS_TEMPLATE.has(field));
      if (personal && !masked[key]) found.push(key);
      walk(sub, where);
    }
    for (const sub of [s.items, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(sub, where);
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const response of Object.values(op.responses ?? {})) walk(response.content?.['application/json']?.schema, `${method.toUpperCase()} ${path}`);
    }
  }
  return [...new Set(found)];
}

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ vars: { ZONE: 'internet' } });
});
afterAll(() => ctx?.close());

describe('G1–G3 internet responses', () => {
  it('answer no personal field without a masking rule', () => {
    const doc = ctx.app.swagger() as unknown as Parameters<typeof unmaskedPersonalFields>[0];
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/api/payments'))).toBe(true);
    expect(unmaskedPersonalFields(doc, MASKED_RESPONSE_FIELDS)).toEqual([]);
  });

  it('would fail on a plate or an owner phone answered without a rule', () => {
    const doc = {
      paths: {
        '/api/x': {
          get: {
            responses: {
              200: {
                content: {
                  'application/json': {
                    schema: { properties: { items: { items: { properties: { hphm: {}, ownerPhone: {}, brand: {}, displayName: {} } } } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    expect(unmaskedPersonalFields(doc, {})).toEqual(['GET /api/x hphm', 'GET /api/x ownerPhone']);
    expect(unmaskedPersonalFields(doc, { 'GET /api/x hphm': 'plate', 'GET /api/x ownerPhone': 'phone' })).toEqual([]);
  });
});
