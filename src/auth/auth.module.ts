import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module.js';
import { UsersService } from '../users/users.service.js';
import { AuthGuard } from './auth.guard.js';
import { API_KEYS, TOKEN_RESOLVER } from './auth.tokens.js';

@Module({})
export class AuthModule {
  static forRoot(apiKeys: readonly string[]): DynamicModule {
    if (apiKeys.length === 0) throw new Error('At least one API key is required');
    return {
      module: AuthModule,
      imports: [UsersModule],
      providers: [
        { provide: API_KEYS, useValue: apiKeys },
        { provide: TOKEN_RESOLVER, useExisting: UsersService },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
