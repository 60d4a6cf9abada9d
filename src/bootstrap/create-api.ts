import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { HttpErrorFilter } from '../common/http-exception.filter.js';
import { createValidationPipe } from '../common/validation.js';
import { useBodyParsers } from '../http/body-limit.js';
import { serveConsole } from '../http/console-assets.js';
import { securityHeaders } from '../http/security-headers.js';
import { mountApiDocs } from '../openapi/api-docs.js';
import { ApiModule } from './app.modules.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export function logLevels(config: AppConfig): LogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1);
}

/** Builds the API application (not yet listening). */
export async function createApiApp(
  config: AppConfig,
  apiKeys: readonly string[],
  options: { logger?: false; clock?: Clock } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, apiKeys, options.clock), {
    logger: options.logger ?? logLevels(config),
    // Registered below with the configured size limit and a JSON 413.
    bodyParser: false,
    // Provider webhooks verify their signatures over the body as sent (req.rawBody, JSON and form bodies).
    rawBody: true,
  });
  app.use(securityHeaders());
  app.set('trust proxy', config.RELANCE_TRUST_PROXY_HOPS);
  useBodyParsers(app, config.RELANCE_BODY_LIMIT_KB * 1024);
  serveConsole(app, config);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  mountApiDocs(app);
  return app;
}
