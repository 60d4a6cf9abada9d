import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PublicRateLimitGuard, RateLimitClock } from './rate-limit.js';

/** Rate limits on unauthenticated routes; headers and body limits are set on the app (configureHttp). */
@Module({
  providers: [RateLimitClock, { provide: APP_GUARD, useClass: PublicRateLimitGuard }],
  exports: [RateLimitClock],
})
export class HttpHygieneModule {}
