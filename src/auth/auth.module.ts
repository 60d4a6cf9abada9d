import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersModule } from '../users/users.module.js';
import { IntegrationsService } from '../users/integrations.service.js';
import { UsersService } from '../users/users.service.js';
import { AuthGuard, type TokenResolver } from './auth.guard.js';
import { API_KEYS, SESSION_RESOLVER, TOKEN_RESOLVER } from './auth.tokens.js';

@Module({})
export class AuthModule {
  static forRoot(apiKeys: readonly string[]): DynamicModule {
    if (apiKeys.length === 0) throw new Error('At least one API key is required');
    return {
      module: AuthModule,
      imports: [UsersModule, SessionsModule],
      providers: [
        { provide: API_KEYS, useValue: apiKeys },
        {
          // A token is a person's or an ERP integration's.
          provide: TOKEN_RESOLVER,
          inject: [UsersService, IntegrationsService],
          useFactory: (users: UsersService, integrations: IntegrationsService): TokenResolver => ({
            resolveToken: async (token) => (await users.resolveToken(token)) ?? integrations.resolveToken(token),
          }),
        },
        { provide: SESSION_RESOLVER, useExisting: SessionsService },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
