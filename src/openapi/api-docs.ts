import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
import { buildOpenApiDocument } from './openapi-document.js';

export const OPENAPI_JSON_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/**
 * Swagger UI loads its own scripts and styles from this origin and sets inline
 * style attributes; the rest of the API keeps the strict CSP of securityHeaders().
 */
function docsSecurityHeaders() {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  });
}

/**
 * Public `GET /openapi.json` and Swagger UI at `/docs`, both built on first
 * request from the mounted routes (outside Nest's guards: the contract is public).
 */
export function mountApiDocs(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  app.use(DOCS_PATH, docsSecurityHeaders());
  SwaggerModule.setup(DOCS_PATH, app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Relance API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}
