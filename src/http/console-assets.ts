import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { projectRoot } from '../bootstrap/project-root.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Paths the API process answers itself (and missing assets: 404), the OpenAPI
 * document and Swagger UI included; everything else that asks for HTML is a console route.
 */
const SERVER_PATHS = /^\/(api|decisions|health|assets|docs)(\/|$)|^\/openapi\.json$/;

/**
 * The console's page: its own scripts and styles only. Mantine sets styles at
 * run time (style elements and attributes), hence 'unsafe-inline' for styles;
 * scripts stay 'self' only, and nothing may frame the console.
 */
const consolePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  },
});

export function consoleDir(config: AppConfig): string {
  return config.RELANCE_CONSOLE_DIR ?? join(projectRoot(), 'dist', 'web');
}

/**
 * Serves the built console at / on the API's origin: hashed assets cached for
 * good, and index.html for any other HTML request outside the API (the
 * console's router takes it from there: /disputes/…, /sign-in/link?token=…).
 */
export function serveConsole(app: NestExpressApplication, config: AppConfig): void {
  const dir = consoleDir(config);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Console').warn(`no console at ${dir} (run \`npm run build\`): the API runs without it`);
    return;
  }
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    consolePolicy(req, res, (err?: unknown) => {
      if (err) return next(err);
      res.setHeader('Cache-Control', 'no-cache');
      // Relative to the folder: send refuses absolute paths through dot-folders (.relance/…).
      res.sendFile('index.html', { root: dir });
    });
  });
}
