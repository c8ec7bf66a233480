import { MeSchema } from '@shtp/core/platform';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastResponse } from './fast-response.ts';

const Answer = z.object({
  id: z.number().int(),
  plate: z.string().nullable(),
  status: z.enum(['ok', 'stolen']).nullable(),
  owner: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
  lock: z.object({ reason: z.string(), at: z.string() }).nullable(),
  history: z.array(z.object({ lsh: z.string(), changes: z.array(z.object({ item: z.string() })) })),
});

/** What a handler may hold: fields its answer's schema does not declare, at every depth. */
const leaky = (lock: { reason: string; at: string } | null) => ({
  id: 7,
  plate: null,
  status: 'ok' as const,
  ownerIdNumber: '310101199001011234',
  owner: { name: '张*', phone: null, idNumberEncrypted: 'ciphertext', blindIndex: 'hmac' },
  lock: lock && { ...lock, lockedByUserId: 42 },
  history: [{ lsh: '1234567890123', operatorId: 9, changes: [{ item: 'colour', before: '红', secretNote: 'x' }] }],
});

describe('fastResponse: answers written by fast-json-stringify from the zod response schema (N1)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const typed = app.withTypeProvider<ZodTypeProvider>();
    for (const [path, options] of [
      ['/fast', fastResponse],
      ['/zod', {}],
    ] as const) {
      typed.get(`${path}/answer`, { ...options, schema: { querystring: z.object({ locked: z.string().optional() }), response: { 200: Answer } } }, (r) =>
        leaky(r.query.locked ? { reason: '涉案', at: '2026-12-03T08:00:00+08:00' } : null),
      );
      typed.get(`${path}/me`, { ...options, schema: { response: { 200: MeSchema } } }, () => ({
        id: 1,
        username: 'officer01',
        displayName: '民警一',
        department: { id: 3, name: '浦东分局', path: '/1/3/' },
        roles: [{ code: 'officer', name: '民警', permissions: ['ebike:query'] }],
        permissions: ['ebike:query'],
        passwordChangeReason: null,
        pendingFactor: null,
        csrfToken: 'token',
        passwordExpiresAt: '2027-03-01T00:00:00.000Z',
        passwordHash: 'sm3$secret',
        sessionId: 'sid-secret',
      }));
    }
    await app.ready();
  });
  afterAll(() => app.close());

  it('never writes a field the schema does not declare, at any depth', async () => {
    for (const url of ['/fast/answer', '/fast/answer?locked=1', '/fast/me']) {
      const body = (await app.inject({ url })).body;
      for (const leaked of [
        'ownerIdNumber',
        'idNumberEncrypted',
        'blindIndex',
        'lockedByUserId',
        'operatorId',
        'secretNote',
        'before',
        'path',
        'passwordHash',
        'sessionId',
        'sid-secret',
        'ciphertext',
        '310101',
      ]) {
        expect(body, url).not.toContain(leaked);
      }
    }
  });

  it('writes exactly what the zod serializer writes (same fields, order, nulls)', async () => {
    for (const path of ['/answer', '/answer?locked=1', '/me']) {
      const fast = await app.inject({ url: `/fast${path}` });
      const zod = await app.inject({ url: `/zod${path}` });
      expect(fast.statusCode).toBe(200);
      expect(fast.body).toBe(zod.body);
    }
  });
});
