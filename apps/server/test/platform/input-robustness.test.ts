import { ENVELOPE_CONTENT_TYPE, SERVICE_SCOPES, type ServerKey } from '@shtp/core/platform';

const PG_INTEGER_MAX = 2147483647;

import { MemoryReplayCache, sm2GenerateKeyPair } from '@shtp/gm';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/platform/db/client.ts';
import { routeTable } from '../../src/platform/http/access.ts';
import { installErrorHandler } from '../../src/platform/http/error-handler.ts';
import { type DeviceCredentials, openReply, sealRequest } from '../../src/platform/transport/device-client.ts';
import { createTestApp, type DemoUsername, loginFresh, type Session, type TestContext } from '../test-app.ts';

/**
 * IP-2 (数据有效性检验): every route, called by a user who holds its permission, answers text PostgreSQL cannot
 * store (U+0000, an unpaired UTF-16 surrogate) and numbers beyond the column's range with a 400 that names each
 * field in Chinese, never with a 500 (the failing query and its parameters once reached the log).
 * The inputs come from the OpenAPI document, so a route added later is walked too.
 */

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  $ref?: string;
}
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface Route {
  method: string;
  /** As the router spells it: /api/x/:id */
  url: string;
  op: Operation;
}

/** What a field is filled with: bad text, or a number beyond what the column holds. */
interface Poison {
  text: string;
  integer: number;
}
const NUL: Poison = { text: 'ab\u0000cd', integer: 2 ** 31 };
const LONE_SURROGATE: Poison = { text: 'ab\uD800cd', integer: 2 ** 63 };

/** Filled fields by where the validation error names them (body fields bare, others prefixed). */
type Filled = { path: string; strict: boolean }[];

const HAN = /[\u4e00-\u9fff]/;
/** Bigint columns hold ids up to 2^53−1; every other integer input is bounded to PostgreSQL integer. */
const BIGINT_INPUTS = new Set([
  'POST /api/jobs/:id/retry params.id',
  'POST /api/jobs/:id/cancel params.id',
  'POST /api/notifications/:id/read params.id',
  'GET /api/ebike/vehicles/:id params.id',
  'POST /api/ebike/uploads/:id/resend params.id',
  'POST /api/ebike/vehicles/:id/pii-view params.id',
  'POST /api/ebike/vehicles/:id/label params.id',
  'POST /api/ebike/vehicles/:id/correct businessId',
  ...['transfer', 'change', 'cancel', 'replace-plate', 'theft', 'recover', 'correct', 'lock', 'unlock'].map(
    (b) => `POST /api/ebike/vehicles/:id/${b} params.id`,
  ),
  // Archives, their pages and e-bike vehicles (bigint identity columns).
  'GET /api/archive/archives/:id params.id',
  'POST /api/archive/archives/:id/pages params.id',
  'POST /api/archive/archives/:id/pages replacesPageId',
  'POST /api/archive/archives/:id/print params.id',
  'GET /api/archive/pages/:id/image params.id',
  'GET /api/archive/pages/:id/download params.id',
  'GET /api/archive/vehicles/:id/archives params.id',
  'PUT /api/archive/archives/:id/order params.id',
  'PUT /api/archive/archives/:id/order pageIds.0',
  'PUT /api/archive/archives/:id/hold params.id',
  'POST /api/archive/archives/:id/classify params.id',
  'POST /api/archive/archives/:id/disposal params.id',
  'POST /api/archive/archives/:id/disposal/decision params.id',
  // A job (bigint identity column) of the archive's never-opened scan.
  'GET /api/archive/warnings/scan/:id params.id',
  // Temporary-plate warnings (bigint identity column).
  'GET /api/tempplate/warnings/:id params.id',
  'GET /api/tempplate/warnings/:id/images/:index params.id',
  'POST /api/tempplate/warnings/:id/attachments params.id',
  'GET /api/tempplate/warnings/:id/attachments/:attachmentId params.id',
  'GET /api/tempplate/warnings/:id/attachments/:attachmentId params.attachmentId',
  'POST /api/tempplate/warnings/:id/first-check params.id',
  'POST /api/tempplate/warnings/:id/review params.id',
  'POST /api/tempplate/orders/assign ids.0',
]);

let ctx: TestContext;
let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
const callers = new Map<string, { session: Session; permissions: Set<string> }>();
const pda: DeviceCredentials = { code: 'PDA-IP2-0001', privateKey: '' };

beforeAll(async () => {
  ctx = await createTestApp();
  doc = ctx.app.swagger() as typeof doc;
  for (const { username } of ctx.accounts) {
    const session = await loginFresh(ctx, username as DemoUsername);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    callers.set(username, { session, permissions: new Set(me.json().permissions) });
  }
  // A route partner systems call with a service scope (config.service) may have no demo role holding its permission;
  // a user granted just those scopes stands in for the partner, as the modules' own tests do.
  const unheld = SERVICE_SCOPES.map((s) => s.code).filter((code) => ![...callers.values()].some((c) => c.permissions.has(code)));
  if (unheld.length > 0) {
    const session = await loginFresh(ctx, { permissions: unheld });
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers });
    callers.set('service-scopes', { session, permissions: new Set(me.json().permissions) });
  }
  const pair = sm2GenerateKeyPair();
  pda.privateKey = pair.privateKey;
  const [dept] = await queryRows<{ id: number }>(ctx.database.db, sql`select id from departments order by id limit 1`);
  const device = await ctx.app.inject({
    method: 'POST',
    url: '/api/security/devices',
    headers: callers.get('secadmin')!.session.headers,
    // Both types, so that every sealed route (handheld and breathalyser) reaches its body check.
    payload: { code: pda.code, name: '输入校验终端', departmentId: dept!.id, publicKey: pair.publicKey, capabilities: ['pda', 'breathalyser'] },
  });
  expect(device.statusCode).toBe(200);
});
afterAll(() => ctx?.close());

function routes(): Route[] {
  const out: Route[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    if (!p.startsWith('/api/') || p.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(ops)) out.push({ method: method.toUpperCase(), url: p.replace(/\{(\w+)\}/g, ':$1'), op });
  }
  return out;
}

function resolve(s: JsonSchema): JsonSchema {
  return s.$ref ? resolve(doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {}) : s;
}
const typeOf = (s: JsonSchema) => [s.type ?? []].flat().find((t) => t !== 'null');

/** A value for the schema with every field poisoned; `strict` fields must then be named by the 400. */
function fill(schema: JsonSchema, poison: Poison, path: string, filled: Filled, inUnion = false): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum && inUnion) return s.enum[0]; // a discriminator: keep it, so the chosen option's fields are checked
  const options = s.oneOf ?? s.anyOf;
  if (options) {
    const object = options.map(resolve).find((o) => typeOf(o) === 'object');
    if (object) return fill(object, poison, path, filled, true);
    return fill(options[0]!, poison, path, filled, inUnion);
  }
  if (s.enum) {
    filled.push({ path, strict: true });
    return poison.text;
  }
  switch (typeOf(s)) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fill(v, poison, path ? `${path}.${k}` : k, filled, inUnion)]));
    case 'array':
      return [fill(s.items ?? {}, poison, `${path}.0`, filled, inUnion)];
    case 'integer':
    case 'number':
      // In range of a bigint column the row is just not found; beyond any column it must be refused.
      filled.push({ path, strict: s.maximum === undefined || poison.integer > s.maximum });
      return poison.integer;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'binary') return undefined;
      filled.push({ path, strict: true });
      return poison.text;
    default:
      // Untyped (z.unknown()): the handler's own schema decides, which may answer 404 or 409 first.
      filled.push({ path, strict: false });
      return poison.text;
  }
}

/** A path parameter that passes its schema, so that the query or the body is what gets checked. */
function validParam(schema: JsonSchema): string {
  const s = resolve(schema);
  if (typeOf(s) === 'integer') return '1';
  if (!s.pattern) return 'abc';
  // A path parameter of a given form (a booking number, an order number): one string of that form, the same every run.
  const pattern = new RegExp(s.pattern);
  return fc.sample(fc.stringMatching(pattern), { numRuns: 1, seed: 1 })[0]!;
}

function callerFor(route: Route): Session | null {
  const access = routeTable(ctx.app).find((r) => r.method === route.method && r.url === route.url)?.access;
  if (access === 'public') return null;
  if (access === undefined || typeof access === 'string') return callers.get('officer01')!.session;
  const holder = [...callers.values()].find((c) => access.anyOf.some((p) => c.permissions.has(p)));
  expect(holder, `no demo account holds ${access.anyOf.join(' | ')} for ${route.method} ${route.url}`).toBeDefined();
  return holder!.session;
}

function urlOf(route: Route, params: Record<string, string>, query: Record<string, string> = {}): string {
  const pathPart = route.url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? '1');
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return qs ? `${pathPart}?${qs}` : pathPart;
}

/** Text for a URL: percent-encoded; a lone surrogate has no UTF-8 form, so it travels as the invalid bytes a client would send. */
const urlText = (v: unknown) =>
  String(v)
    .split('')
    .map((ch) => (ch === '\uD800' ? '%ED%A0%80' : encodeURIComponent(ch)))
    .join('');

function multipart(fields: Record<string, unknown>, fileFields: string[]) {
  const boundary = `----ip2${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const name of fileFields) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="x.png"\r\nContent-Type: image/png\r\n\r\nnot an image\r\n`),
    );
  }
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(v)}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface Answer {
  status: number;
  body: { code?: string; message?: string; details?: { field: string; message: string }[] };
}

/**
 * Sends the request; a route that takes only digital envelopes (PDA) gets the same body sealed by a registered device.
 * Plain text is refused before any schema runs (the envelope is opened in preValidation), so a request without a body
 * is sealed with an empty one: its path parameters and query string are then what gets checked.
 */
async function send(method: string, url: string, session: Session | null, body?: { payload: unknown; contentType?: string }): Promise<Answer> {
  const headers = { ...(session?.headers ?? {}), ...(body?.contentType ? { 'content-type': body.contentType } : {}) };
  const res: LightMyRequestResponse = await ctx.app.inject({ method: method as 'POST', url, headers, ...(body ? { payload: body.payload as string } : {}) });
  const answer = { status: res.statusCode, body: parse(res.body) };
  if (answer.body.code !== 'ENVELOPE_REQUIRED') return answer;
  const key: ServerKey = (await ctx.app.inject({ method: 'GET', url: '/api/transport/server-key' })).json();
  const sealed = await ctx.app.inject({
    method: method as 'POST',
    url,
    headers: { ...(session?.headers ?? {}), 'content-type': ENVELOPE_CONTENT_TYPE },
    payload: sealRequest(body?.payload ?? {}, pda, key),
  });
  const reply = await openReply<Answer['body']>(
    { status: sealed.statusCode, contentType: String(sealed.headers['content-type']), text: sealed.body },
    pda,
    key,
    new MemoryReplayCache(),
  );
  return { status: reply.status, body: reply.body };
}
function parse(text: string): Answer['body'] {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** What is wrong with the answer to a poisoned request (nothing: refused, in Chinese, each strict field named). */
function problemsOf(label: string, answer: Answer, filled: Filled, prefix: string): string[] {
  const shown = `${label} → ${answer.status} ${JSON.stringify(answer.body)}`;
  const strict = filled.filter((f) => f.strict).map((f) => (prefix ? `${prefix}.${f.path}` : f.path));
  if (answer.status >= 500) return [shown];
  // Nothing the schema must refuse arrived (a URL cannot carry a lone surrogate): "never 500" is what holds.
  if (strict.length === 0 && answer.status < 400) return [];
  if (answer.status < 400) return [shown];
  // The router refuses a path that is not UTF-8 before any handler of ours runs: Fastify's own 400.
  if (answer.body.code === 'FST_ERR_BAD_URL' && answer.status === 400) return [];
  if (!HAN.test(answer.body.message ?? '')) return [`${shown}: message not Chinese`];
  if (strict.length === 0) return [];
  if (answer.status !== 400) return [`${shown}: expected 400`];
  const named = new Set((answer.body.details ?? []).map((d) => d.field));
  return [
    ...strict.filter((field) => !named.has(field) && !named.has(field.replace(/\.0$/, ''))).map((field) => `${label}: ${field} not named`),
    ...(answer.body.details ?? []).filter((d) => !HAN.test(d.message)).map((d) => `${label}: ${d.field}: ${d.message}`),
  ];
}

describe('IP-2 input validity on every route', () => {
  it('IP-2: the walk covers every API route of the route table', () => {
    const documented = new Set(routes().map((r) => `${r.method} ${r.url}`));
    const missing = routeTable(ctx.app).filter((r) => !documented.has(`${r.method} ${r.url}`));
    expect(missing).toEqual([]);
    expect(documented.size).toBeGreaterThan(80);
  });

  it('IP-2: every integer input is bounded to PostgreSQL integer, except ids of bigint columns', () => {
    const unbounded: string[] = [];
    const walk = (schema: JsonSchema, where: string) => {
      const s = resolve(schema);
      for (const o of [...(s.oneOf ?? []), ...(s.anyOf ?? [])]) walk(o, where);
      if (typeOf(s) === 'object') for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, where.endsWith(' ') ? `${where}${k}` : `${where}.${k}`);
      if (typeOf(s) === 'array') walk(s.items ?? {}, `${where}.0`);
      if (typeOf(s) === 'integer' && !(s.maximum !== undefined && s.maximum <= PG_INTEGER_MAX) && !BIGINT_INPUTS.has(where)) unbounded.push(where);
    };
    for (const r of routes()) {
      for (const p of r.op.parameters ?? []) walk(p.schema, `${r.method} ${r.url} ${p.in === 'path' ? 'params' : 'querystring'}.${p.name}`);
      for (const c of Object.values(r.op.requestBody?.content ?? {})) walk(c.schema, `${r.method} ${r.url} `);
    }
    expect(unbounded).toEqual([]);
  });

  it('IP-2: every system parameter refuses a value holding U+0000 or an unpaired surrogate with 400 (values are stored as jsonb)', async () => {
    const problems: string[] = [];
    const sec = callers.get('secadmin')!.session;
    const sys = callers.get('sysadmin')!.session;
    const list: { key: string; type: string; security: boolean }[] = (
      await ctx.app.inject({ method: 'GET', url: '/api/system/params', headers: sys.headers })
    ).json();
    expect(list.length).toBeGreaterThan(10);
    for (const param of list) {
      for (const text of [NUL.text, LONE_SURROGATE.text]) {
        const value = param.type === 'list' ? [text] : param.type === 'time_window' ? { start: text, end: text } : text;
        const res = await ctx.app.inject({
          method: 'PUT',
          url: `/api/system/params/${param.key}`,
          headers: (param.security ? sec : sys).headers,
          payload: { value },
        });
        const body = parse(res.body);
        if (res.statusCode !== 400 || !HAN.test(body.details?.[0]?.message ?? ''))
          problems.push(`${param.key} ${JSON.stringify(value)} → ${res.statusCode} ${res.body}`);
      }
    }
    expect(problems).toEqual([]);
  });

  for (const [name, poison] of [
    ['U+0000 and ids of 2^31', NUL],
    ['an unpaired surrogate and numbers of 2^63', LONE_SURROGATE],
  ] as const) {
    it(`IP-2: path parameters with ${name} are refused with 400, never 500`, async () => {
      let sent = 0;
      const problems: string[] = [];
      for (const route of routes()) {
        const params = (route.op.parameters ?? []).filter((p) => p.in === 'path');
        if (params.length === 0) continue;
        const filled: Filled = [];
        const values = Object.fromEntries(params.map((p) => [p.name, urlText(fill(p.schema, poison, p.name, filled))]));
        // A lone surrogate cannot reach a path: its bytes are not UTF-8, which the router refuses before any schema.
        const strict =
          poison === NUL
            ? filled
            : filled.map((f) => ({ ...f, strict: f.strict && typeOf(resolve(params.find((p) => p.name === f.path)!.schema)) !== 'string' }));
        const answer = await send(route.method, urlOf(route, values), callerFor(route));
        problems.push(...problemsOf(`${route.method} ${route.url} (params)`, answer, strict, 'params'));
        sent++;
      }
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThan(30);
    });

    it(`IP-2: query strings with ${name} are refused with 400, never 500`, async () => {
      let sent = 0;
      const problems: string[] = [];
      for (const route of routes()) {
        const query = (route.op.parameters ?? []).filter((p) => p.in === 'query');
        if (query.length === 0) continue;
        const params = Object.fromEntries((route.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, validParam(p.schema)]));
        const filled: Filled = [];
        const values = Object.fromEntries(query.map((p) => [p.name, urlText(fill(p.schema, poison, p.name, filled))]));
        // Percent-decoding turns the surrogate's invalid bytes into text that may be valid: then only "never 500" holds.
        const strict =
          poison === NUL
            ? filled
            : filled.filter(
                (f) => typeOf(resolve(query.find((p) => p.name === f.path)!.schema)) !== 'string' && !query.find((p) => p.name === f.path)!.schema.enum,
              );
        const answer = await send(route.method, urlOf(route, params, values), callerFor(route));
        problems.push(...problemsOf(`${route.method} ${route.url} (query)`, answer, strict, 'querystring'));
        sent++;
      }
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(8);
    });

    it(`IP-2: bodies with ${name} in every field are refused with 400 naming each field, never 500`, async () => {
      let sent = 0;
      const problems: string[] = [];
      for (const route of routes()) {
        const content = route.op.requestBody?.content ?? {};
        const params = Object.fromEntries((route.op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, validParam(p.schema)]));
        const filled: Filled = [];
        let body: { payload: unknown; contentType?: string };
        if (content['application/json']) {
          body = { payload: fill(content['application/json'].schema, poison, '', filled) };
        } else if (content['multipart/form-data']) {
          // Multipart carries bytes: a lone surrogate arrives as U+FFFD, which is valid text; U+0000 arrives as itself.
          if (poison !== NUL) continue;
          const schema = resolve(content['multipart/form-data'].schema);
          const files = Object.entries(schema.properties ?? {})
            .filter(([, v]) => resolve(v).format === 'binary' || resolve(resolve(v).items ?? {}).format === 'binary')
            .map(([k]) => k);
          const fields = fill(
            { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !files.includes(k))) },
            poison,
            '',
            filled,
          );
          body = multipart(fields as Record<string, unknown>, files);
        } else continue;
        if (filled.length === 0) continue;
        const answer = await send(route.method, urlOf(route, params), callerFor(route), body);
        problems.push(...problemsOf(`${route.method} ${route.url} (body)`, answer, filled, ''));
        sent++;
      }
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThan(30);
    });
  }
});

describe('IP-2 errors the schemas cannot foresee', () => {
  it('IP-2: a query that fails answers 500 without internals and logs its SQL but never its parameters', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => void lines.push(line) } } });
    installErrorHandler(app);
    const secret = '王小明 310101199001011234 Xk9#mP2v';
    app.get('/fail', async () => {
      await ctx.database.db.execute(sql`select id from users where username = ${secret} and id = ${2 ** 31}`);
      return {};
    });
    const res = await app.inject({ method: 'GET', url: '/fail' });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: '服务器内部错误', details: [] });
    const log = lines.join('\n');
    for (const leaked of ['王小明', '310101199001011234', 'Xk9#mP2v', '2147483648', 'params:']) expect(log).not.toContain(leaked);
    expect(log).toMatch(/unhandled error/);
    expect(log).toMatch(/select id from users where username = \$1 and id = \$2/);
    expect(log).toMatch(/"code":"22003"/); // numeric value out of range
  });
});
