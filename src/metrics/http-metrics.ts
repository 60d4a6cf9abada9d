import type { NextFunction, Request, Response } from 'express';
import { histogram } from './registry.js';

const requestDuration = histogram({
  name: 'relance_http_request_duration_seconds',
  help: 'HTTP requests served by the API: duration by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * The route label: the matched route's template (`/api/v1/invoices/:id`), never the raw URL, so the
 * series stay few; `console` for the console's files and pages, `unmatched` for anything else (404s,
 * requests refused before routing such as a 413).
 */
export function routeLabel(req: Request, status: number): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  return (req.method === 'GET' || req.method === 'HEAD') && status < 400 ? 'console' : 'unmatched';
}

/** Times every request, from this middleware to the response's last byte. */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = requestDuration.startTimer();
  res.once('finish', () => end({ method: req.method, route: routeLabel(req, res.statusCode), status: String(res.statusCode) }));
  next();
}
