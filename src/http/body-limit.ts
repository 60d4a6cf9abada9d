import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * JSON and form bodies up to `limitBytes`. A bigger body is refused before
 * anything reads it with the platform's one error shape: 413 PAYLOAD_TOO_LARGE
 * naming the limit (the body parser's own answer would be an HTML page).
 */
export function useBodyParsers(app: NestExpressApplication, limitBytes: number): void {
  app.useBodyParser('json', { limit: limitBytes });
  app.useBodyParser('urlencoded', { limit: limitBytes, extended: true });
  app.use((err: BodyParserError, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      res.status(413).json({
        statusCode: 413, code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than the ${limitBytes} bytes accepted`, limitBytes,
      });
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ statusCode: 400, code: 'MALFORMED_BODY', message: 'The request body is not valid JSON' });
      return;
    }
    next(err);
  });
}
