import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiModule } from '../bootstrap/app.modules.js';
import { loadConfig } from '../config/app-config.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** Never checked: a preview app serves nothing. */
const PREVIEW_ONLY_KEY = 'openapi-preview-only-key';

/**
 * The API's document without a database or Temporal: Nest's `preview` mode
 * resolves the module graph (controllers and their metadata) without
 * instantiating any provider, so nothing connects anywhere.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({});
  const app = await NestFactory.create(ApiModule.forRoot(config, [PREVIEW_ONLY_KEY]), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The committed form: two-space JSON with a final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
