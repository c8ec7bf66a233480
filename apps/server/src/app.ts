import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { P } from '@shtp/core/platform';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { ModuleSet } from './modules/app-module.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { addressLocksRoutes } from './platform/auth/address-locks.routes.ts';
import { installAdminAddressCheck } from './platform/auth/admin-address.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { blobsRoutes } from './platform/blobs/blobs.routes.ts';
import { dictRoutes } from './platform/dict/dict.routes.ts';
import { installAccessControl, perm, withAccess } from './platform/http/access.ts';
import { installErrorHandler } from './platform/http/error-handler.ts';
import { healthRoutes } from './platform/http/health.routes.ts';
import { installIdempotency } from './platform/http/idempotency.ts';
import { logSerializers, REDACT_PATHS } from './platform/http/log-redaction.ts';
import { installOverloadGuard } from './platform/http/overload.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { handheldApp, webConsole } from './platform/http/web-static.ts';
import { jobsRoutes } from './platform/jobs/jobs.routes.ts';
import { keysRoutes } from './platform/keys/keys.routes.ts';
import { notificationsRoutes } from './platform/notifications/notifications.routes.ts';
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
/** The handheld app (apps/pda), an installable PWA under /pda. */
const PDA_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pda/dist');

export async function buildApp(
  platform: Platform,
  modules: ModuleSet,
  opts: { logger?: boolean; logStream?: DestinationStream; webDist?: string; pdaDist?: string } = {},
): Promise<FastifyInstance> {
  const tls = platform.config.tls;
  // The https server type differs from http only in its listener; routes and hooks are the same.
  const app = Fastify({
    ...(tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
    logger:
      opts.logger === false
        ? false
        : { level: platform.config.logLevel, redact: REDACT_PATHS, serializers: logSerializers, ...(opts.logStream && { stream: opts.logStream }) },
    trustProxy: platform.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    // A path that is not valid UTF-8 never reaches a route: answer in the shape and language of every other error.
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply)
        .status(400)
        .send({ code: 'BAD_URL', message: error.code === 'FST_ERR_BAD_URL' ? '请求地址无效（编码不正确）' : '请求格式不正确', details: [] }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installOverloadGuard(app, { ...platform.config.load, retryAfterSeconds: 2 }, platform.database.waiting);
  // Long background jobs give way to the requests being answered (static files included); 'close' fires however a request ends.
  app.addHook('onRequest', async (_request, reply) => {
    platform.jobs.requests.begin();
    reply.raw.once('close', () => platform.jobs.requests.end());
  });

  // Strict-Transport-Security whenever the browser reaches us over HTTPS (here or at the gateway).
  installSecurityHeaders(app, platform.config.cookieSecure);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: '上海交警综合应用系统 API', version: VERSION }, components: {} },
    transform: jsonSchemaTransform,
  });
  installAccessControl(app, platform.auth, platform.db);
  installAdminAddressCheck(app, platform.params, platform.authParams, platform.db);
  const docs = platform.config.apiDocs;
  if (docs !== 'off') {
    await app.register(async (child) => {
      withAccess(docs === 'public' ? 'public' : perm(P.apiDocs))(child);
      await child.register(swaggerUi, { routePrefix: '/api/docs' });
    });
  }
  installEnvelopeTransport(app, platform);
  installServiceAccounts(app, platform);
  installIdempotency(app, platform);
  // Job workers stop (and finish their handlers) before the modules close their ports, and both before whoever
  // closed the app closes the database.
  app.addHook('onClose', async () => {
    await platform.auth.stop();
    await platform.jobs.stop();
    await platform.cpu.close();
    await modules.stop();
    platform.blobs.close();
  });
  await app.register(healthRoutes, { platform });
  await app.register(authRoutes, { platform });
  await app.register(addressLocksRoutes, { platform });
  await app.register(paramsRoutes, { platform });
  await app.register(dictRoutes, { platform });
  await app.register(auditRoutes, { platform });
  await app.register(jobsRoutes, { platform });
  await app.register(keysRoutes, { platform });
  await app.register(signaturesRoutes, { platform });
  await app.register(devicesRoutes, { platform });
  await app.register(transportRoutes, { platform });
  await app.register(serviceAccountsRoutes, { platform });
  await app.register(blobsRoutes, { platform });
  await app.register(notificationsRoutes, { platform });
  await modules.registerRoutes(app);

  const pdaDist = opts.pdaDist ?? PDA_DIST;
  if (existsSync(pdaDist)) await handheldApp(app, pdaDist);
  const webDist = opts.webDist ?? WEB_DIST;
  if (existsSync(webDist)) {
    await webConsole(app, webDist);
  }
  return app;
}
