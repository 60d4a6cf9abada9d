import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { Clock } from '../clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { HttpErrorFilter } from '../common/http-exception.filter.js';
import { createValidationPipe } from '../common/validation.js';
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
  const app = await NestFactory.create(ApiModule.forRoot(config, apiKeys, options.clock), {
    logger: options.logger ?? logLevels(config),
    bodyParser: true,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  return app;
}
