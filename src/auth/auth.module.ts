import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard.js';
import { API_KEYS } from './auth.tokens.js';

@Module({})
export class AuthModule {
  static forRoot(apiKeys: readonly string[]): DynamicModule {
    if (apiKeys.length === 0) throw new Error('At least one API key is required');
    return {
      module: AuthModule,
      providers: [{ provide: API_KEYS, useValue: apiKeys }, { provide: APP_GUARD, useClass: ApiKeyGuard }],
    };
  }
}
