import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { acceptRequestId, runWithLogContext } from './log-context.js';
import { redactUrl } from './logger.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * First middleware of the API: every request gets an id (a well-formed incoming `X-Request-Id`
 * is kept, so a proxy's or an ERP's id follows the request), sent back as `X-Request-Id`,
 * and runs in a log context naming it (read by the logger and by the Temporal client interceptor).
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = acceptRequestId(req.headers['x-request-id']);
  (req as Request & { id?: string }).id = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  runWithLogContext({ requestId, http: true }, next);
}

/** Paths whose per-request line is noise for an operator (probes and scrapes). */
const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/**
 * nestjs-pino over the process's root logger: Nest's `Logger` calls become pino JSON lines, with
 * the request's id while one is served, and one "request completed" line per request (method,
 * redacted URL, status, duration). Headers and bodies are never logged.
 */
@Module({})
export class LoggingModule {
  static forRoot(root: Logger): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: root,
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? acceptRequestId(undefined),
            quietReqLogger: true,
            customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
            serializers: {
              req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactUrl(req.url ?? '') }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : 'info'),
            autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
