import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import { AppError } from '../common/errors.js';
import { AppConfig } from '../config/app-config.js';

const RATE_LIMITED = 'relance:rateLimited';
const WINDOW_MS = 60_000;
/** Windows kept before expired ones are swept, so many addresses cannot grow memory without bound. */
const SWEEP_ABOVE = 10_000;

/** Marks an unauthenticated route (decision links, later the customer portal): requests per client address are limited. */
export const RateLimited = (): MethodDecorator & ClassDecorator => SetMetadata(RATE_LIMITED, true);

/** The rate limiter's "now" (ms since the epoch): one provider, so tests move time instead of sleeping. */
@Injectable()
export class RateLimitClock {
  now(): number {
    return Date.now();
  }
}

export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests: try again in ${retryAfterSeconds} s`, 429, { retryAfterSeconds });
  }
}

/** Fixed windows per key, on the injected clock (express-rate-limit's memory store reads the wall clock). */
export class ClockedWindowStore implements Store {
  private readonly windows = new Map<string, ClientRateLimitInfo & { resetTime: Date }>();
  private windowMs = WINDOW_MS;

  constructor(private readonly clock: RateLimitClock) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const found = this.windows.get(key);
    return found && found.resetTime.getTime() > this.clock.now() ? found : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = this.clock.now();
    if (this.windows.size > SWEEP_ABOVE) this.sweep(now);
    let found = this.windows.get(key);
    if (!found || found.resetTime.getTime() <= now) {
      found = { totalHits: 0, resetTime: new Date(now + this.windowMs) };
      this.windows.set(key, found);
    }
    found.totalHits += 1;
    return { totalHits: found.totalHits, resetTime: found.resetTime };
  }

  async decrement(key: string): Promise<void> {
    const found = this.windows.get(key);
    if (found && found.totalHits > 0) found.totalHits -= 1;
  }

  async resetKey(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetTime.getTime() <= now) this.windows.delete(key);
  }
}

type LimitedRequest = Request & { rateLimit?: { resetTime?: Date } };

/** express-rate-limit on the injected clock; over the limit it hands a 429 AppError (Retry-After set) to the error filter. */
export function publicRateLimiter(limit: number, clock: RateLimitClock): RequestHandler {
  const retryAfter = (req: LimitedRequest): number =>
    Math.max(1, Math.ceil(((req.rateLimit?.resetTime?.getTime() ?? clock.now() + WINDOW_MS) - clock.now()) / 1000));
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    store: new ClockedWindowStore(clock),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    retryAfter: (req: Request) => retryAfter(req as LimitedRequest),
    handler: (req: Request, _res: Response, next: NextFunction) => next(new TooManyRequestsError(retryAfter(req as LimitedRequest))),
  });
}

/** Applies the public rate limit to routes marked @RateLimited(); other routes pass untouched. */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  private readonly limiter: RequestHandler;

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AppConfig) config: AppConfig,
    @Inject(RateLimitClock) clock: RateLimitClock,
  ) {
    this.limiter = publicRateLimiter(config.RELANCE_PUBLIC_RATE_LIMIT, clock);
  }

  canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    if (!this.reflector.getAllAndOverride<boolean>(RATE_LIMITED, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    return new Promise((resolve, reject) => {
      this.limiter(http.getRequest<Request>(), http.getResponse<Response>(), (err?: unknown) => (err ? reject(err) : resolve(true)));
    });
  }
}

/** Whether a route is marked @RateLimited() (the route test checks every public page is). */
export function isRateLimited(target: object): boolean {
  return Reflect.getMetadata(RATE_LIMITED, target) === true;
}
