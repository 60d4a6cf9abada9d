import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PortalAccessModule } from '../portal/portal-access.module.js';
import { PortalSessionsService } from '../portal/portal-sessions.service.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { UsersModule } from '../users/users.module.js';
import { IntegrationsService } from '../users/integrations.service.js';
import { UsersService } from '../users/users.service.js';
import { AuthGuard, type TokenResolver } from './auth.guard.js';
import { API_KEYS, PORTAL_RESOLVER, SESSION_RESOLVER, TOKEN_RESOLVER } from './auth.tokens.js';

@Module({})
export class AuthModule {
  static forRoot(apiKeys: readonly string[]): DynamicModule {
    if (apiKeys.length === 0) throw new Error('At least one API key is required');
    return {
      module: AuthModule,
      imports: [UsersModule, SessionsModule, PortalAccessModule],
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
        { provide: PORTAL_RESOLVER, useExisting: PortalSessionsService },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
