import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { HttpErrorFilter } from '../common/http-exception.filter.js';
import { createValidationPipe } from '../common/validation.js';
import { useBodyParsers } from '../http/body-limit.js';
import { httpMetricsMiddleware } from '../metrics/http-metrics.js';
import { serveConsole } from '../http/console-assets.js';
import { securityHeaders } from '../http/security-headers.js';
import { createRootLogger } from '../observability/logger.js';
import { LoggingModule, requestIdMiddleware } from '../observability/logging.module.js';
import { mountApiDocs } from '../openapi/api-docs.js';
import { ApiModule } from './app.modules.js';

/** Builds the API application (not yet listening). */
export async function createApiApp(
  config: AppConfig,
  apiKeys: readonly string[],
  /** `logger: false` silences the application (tests); `logDestination` receives its JSON lines instead of stdout. */
  options: { logger?: false; clock?: Clock; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const rootLogger = options.logger === false ? undefined : createRootLogger(config, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config, apiKeys, options.clock, rootLogger && LoggingModule.forRoot(rootLogger)),
    {
      ...(rootLogger ? { bufferLogs: true } : { logger: false as const }),
      // Registered below with the configured size limit and a JSON 413.
      bodyParser: false,
      // Provider webhooks verify their signatures over the body as sent (req.rawBody, JSON and form bodies).
      rawBody: true,
    },
  );
  if (rootLogger) app.useLogger(app.get(NestPinoLogger));
  // First of all: every request (refused ones included) gets its id and X-Request-Id header.
  app.use(requestIdMiddleware);
  // Then the latency histogram, so refused requests (401, 413, 429) are timed too.
  app.use(httpMetricsMiddleware);
  app.use(securityHeaders());
  app.set('trust proxy', config.RELANCE_TRUST_PROXY_HOPS);
  useBodyParsers(app, config.RELANCE_BODY_LIMIT_KB * 1024);
  serveConsole(app, config);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  mountApiDocs(app);
  return app;
}
