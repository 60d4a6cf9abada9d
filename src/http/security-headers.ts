import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Helmet's headers on every answer. The CSP is strict because Relance's only
 * HTML pages (decision links) use no script, style or image: nothing loads,
 * forms post to this origin only, and no site may frame a page (clickjacking
 * a decision button). No upgrade-insecure-requests: development runs on http.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
}
