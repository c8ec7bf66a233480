import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { helmetOptions, installSecurityHeaders, securityHeaders } from './security-headers.ts';

describe('security headers (computed once from the helmet options)', () => {
  it("the console's CSP and helmet's defaults; HSTS only when asked", () => {
    const headers = securityHeaders(helmetOptions(true));
    expect(headers['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: blob:;" +
        "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(securityHeaders(helmetOptions(false))['strict-transport-security']).toBeUndefined();
  });

  it('every answer carries them: a route, a 404, an error and a hijacked reply', async () => {
    const app = Fastify();
    installSecurityHeaders(app, false);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/fails', async () => {
      throw new Error('x');
    });
    app.get('/raw', (_request, reply) => {
      reply.hijack();
      reply.raw.end('raw');
    });
    const expected = securityHeaders(helmetOptions(false));
    for (const url of ['/ok', '/missing', '/fails', '/raw']) {
      const answer = await app.inject({ method: 'GET', url });
      for (const [name, value] of Object.entries(expected)) expect(answer.headers[name], `${url} ${name}`).toBe(value);
    }
    await app.close();
  });
});
