import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
// Types for reply.view() (Nest registers the plugin itself through setViewEngine).
import '@fastify/view';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoNestLogger } from './common/logging/pino-nest-logger.js';
import { registerRateLimits } from './common/http/rate-limit.plugin.js';
import { registerSecurityHeaders } from './common/http/security-headers.js';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module.js';
import { AppException } from './common/errors/app.exception.js';
import { AllExceptionsFilter, type ErrorBody } from './common/errors/all-exceptions.filter.js';
import { createValidationPipe } from './common/validation/validation.js';
import { createHandlebars, PUBLIC_DIR, TEMPLATES_DIR } from './common/views/view-engine.js';
import type { AppConfig } from './config/app-config.js';
import { UsersService } from './modules/users/users.service.js';

const ERROR_TITLES: Record<number, string> = {
  400: '提交的内容有误',
  401: '请先登录',
  403: '无权访问',
  404: '页面不存在',
  409: '操作与当前状态冲突',
  413: '提交的内容过大',
  423: '账户已锁定',
  429: '请求过于频繁',
  503: '服务暂时不可用',
};

const MAX_BODY_DEPTH = 32;

/** How deeply objects and arrays nest in a parsed body (iterative: the body itself may be hostile). */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    if (max > MAX_BODY_DEPTH) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/** Pages answer errors with the error page; a missing login sends the person to the sign-in page. */
async function renderErrorPage(req: FastifyRequest, reply: FastifyReply, body: ErrorBody): Promise<void> {
  if (body.statusCode === 401 && req.method === 'GET') {
    await reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return;
  }
  const user = (req as FastifyRequest & { user?: unknown }).user;
  await reply
    .status(body.statusCode)
    .type('text/html; charset=utf-8')
    .view('pages/error.hbs', { title: ERROR_TITLES[body.statusCode] ?? '出错了', error: body, user, csrfToken: '' });
}

export interface CreatedApp {
  app: NestFastifyApplication;
  fastify: FastifyInstance;
}

/** Builds the whole application; main.ts listens, the e2e helper injects requests. */
export async function createApp(
  config: AppConfig,
  /** `logStream`: where the JSON log lines go instead of stdout (the security tests scan them). */
  opts: { logger?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Structured JSON logs (pino). Credentials, cookies and query strings never reach them.
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
            },
          },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    logger: opts.logger === false ? false : undefined,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  app.useLogger(opts.logger === false ? false : new PinoNestLogger(fastify.log));

  if (config.rateLimit.enabled) await registerRateLimits(app, fastify, config);

  registerSecurityHeaders(fastify);
  await app.register(fastifyCookie as never, { secret: config.jwtSecret });
  await app.register(fastifyCsrf as never, {
    cookieKey: 'yh_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: true },
    // A file upload form (multipart) is checked before its body is read: its token rides in the
    // form's action URL (?_csrf=, query strings never reach the logs). Other forms: the hidden field.
    getToken: (req: FastifyRequest) => {
      const fromBody = (req.body as { _csrf?: unknown } | undefined)?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const multipart = /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''));
      const fromQuery = multipart ? (req.query as { _csrf?: unknown } | undefined)?._csrf : undefined;
      if (typeof fromQuery === 'string') return fromQuery;
      const h = req.headers;
      return h['csrf-token'] ?? h['xsrf-token'] ?? h['x-csrf-token'] ?? h['x-xsrf-token'];
    },
  });
  // File uploads (the registry import) have their own size limit (IMPORT_FILE_LIMIT); BODY_LIMIT
  // stays the limit of JSON and form bodies. Files are streamed to disk by the route, never buffered.
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: config.importFileLimit, files: 1, fields: 5, parts: 6, fieldSize: 4096 },
    throwFileSizeLimit: true,
  });
  await app.register(fastifyStatic as never, { root: PUBLIC_DIR, prefix: '/assets/', decorateReply: false });
  app.setViewEngine({
    engine: { handlebars: createHandlebars() },
    templates: TEMPLATES_DIR,
    layout: 'layouts/main.hbs',
    defaultContext: { siteName: '余杭区自媒体账号备案与信用评价平台' },
  } as never);

  // Page forms (every non-API POST) carry a CSRF token; the API takes bearer tokens only.
  fastify.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST' && !req.url.startsWith('/api')) {
      (fastify as unknown as { csrfProtection: (q: FastifyRequest, r: FastifyReply, d: () => void) => void }).csrfProtection(req, reply, done);
      return;
    }
    done();
  });

  // A JSON body nested deeper than any form of the API is refused before validation: the validation
  // pipe recurses once per level, and a few thousand levels (well under the body limit) overflowed the
  // stack into a 500 (found by test/security/fuzz.security-spec.ts).
  fastify.addHook('preValidation', (req, _reply, done) => {
    done(nestingDepth(req.body) > MAX_BODY_DEPTH ? AppException.field('body', 'too_deep', `提交的内容嵌套过深（最多${MAX_BODY_DEPTH}层）`) : undefined);
  });

  // Errors raised before Nest routes a request (bad JSON, body too large, wrong content type, a
  // failed CSRF check) reach Nest's own Fastify error handler, which hands them to the global filter
  // (toErrorBody maps them): no fastify.setErrorHandler here, Nest would replace it at init.
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(renderErrorPage));
  app.enableShutdownHooks();

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('余杭区自媒体账号备案与信用评价平台 API')
      .setDescription('JSON API。错误格式：{statusCode, code, message, details}。列表：?page=&pageSize=（≤100）。')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });

  await app.init();
  await app.get(UsersService).ensureFirstSysadmin();
  return app;
}
