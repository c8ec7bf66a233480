import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppModule } from './modules/modules.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { installAdminAddressCheck } from './platform/auth/admin-address.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { dictRoutes } from './platform/dict/dict.routes.ts';
import { installAccessControl } from './platform/http/access.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { jobsRoutes } from './platform/jobs/jobs.routes.ts';
import { keysRoutes } from './platform/keys/keys.routes.ts';
import { paramsRoutes } from './platform/params/params.routes.ts';
import type { Platform } from './platform/platform.ts';
import { serviceAccountsRoutes } from './platform/service-accounts/service-accounts.routes.ts';
import { installServiceAccounts } from './platform/service-accounts/service-guard.ts';
import { signaturesRoutes } from './platform/signing/signatures.routes.ts';
import { devicesRoutes } from './platform/transport/devices.routes.ts';
import { installEnvelopeTransport } from './platform/transport/envelope-transport.ts';
import { transportRoutes } from './platform/transport/transport.routes.ts';

import { VERSION } from './platform/version.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Personal data and credentials that must never reach the logs. */
const REDACT = ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers["x-signature"]', 'res.headers["set-cookie"]'];

export async function buildApp(platform: Platform, modules: readonly AppModule[], opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const tls = platform.config.tls;
  // The https server type differs from http only in its listener; routes and hooks are the same.
  const app = Fastify({
    ...(tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
    logger: opts.logger === false ? false : { level: platform.config.logLevel, redact: REDACT },
    trustProxy: platform.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS styles
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: platform.config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: '上海交警综合应用系统 API', version: VERSION }, components: {} },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  installAccessControl(app, platform.auth, platform.db);
  installAdminAddressCheck(app, platform.params, platform.authParams, platform.db);
  installEnvelopeTransport(app, platform);
  installServiceAccounts(app, platform);
  // Job workers stop (and finish their handlers) before whoever closed the app closes the database.
  app.addHook('onClose', () => platform.jobs.stop());
  await app.register(healthRoutes, { platform });
  await app.register(authRoutes, { platform });
  await app.register(paramsRoutes, { platform });
  await app.register(dictRoutes, { platform });
  await app.register(auditRoutes, { platform });
  await app.register(jobsRoutes, { platform });
  await app.register(keysRoutes, { platform });
  await app.register(signaturesRoutes, { platform });
  await app.register(devicesRoutes, { platform });
  await app.register(transportRoutes, { platform });
  await app.register(serviceAccountsRoutes, { platform });
  for (const m of modules) await app.register(m.routes, { platform });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
    // Client-side routes of the console fall back to index.html.
    app.get('/*', { config: { access: 'public' } }, (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
