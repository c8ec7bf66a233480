import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginFresh, type TestContext } from '../test-app.ts';

/** zod words its issues in Chinese at the source (installChineseZodMessages): every field message of a 400 is Chinese. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});

afterAll(async () => {
  await ctx?.close();
});

describe('validation messages', () => {
  it('a missing part of the body is 必须填写, an unknown field is named, and no message is English', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/ebike/vehicles',
      headers: officer.headers,
      payload: { owner: 'x', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().details as { field: string; message: string }[];
    expect(details).toContainEqual({ field: 'vehicle', message: '必须填写' });
    expect(details.find((d) => d.field === 'owner')).toBeDefined();
    for (const d of details.filter((x) => x.field !== 'body')) expect(d.message, d.field).not.toMatch(/[A-Za-z]{3,}/);
    expect(details).toContainEqual({ field: 'body', message: '不允许的字段：extra' });
  });

  it('a part of the body of the wrong kind, and an unknown nested field, are named in Chinese', async () => {
    const officer = await loginFresh(ctx, 'officer01');
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/ebike/vehicles',
      headers: officer.headers,
      payload: { owner: { ownerType: 'person' }, vehicle: 'x', plateKind: [] },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().details as { field: string; message: string }[];
    expect(details).toContainEqual({ field: 'vehicle', message: '格式不正确' });
    for (const d of details) expect(d.message, d.field).not.toMatch(/[A-Za-z]{3,}|Invalid|expected/);
  });
});
