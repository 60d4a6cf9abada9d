import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Integration } from './integration.entity.js';
import { IntegrationsController } from './integrations.controller.js';
import { IntegrationsService } from './integrations.service.js';
import { UserGroup } from './user-group.entity.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserGroup, Integration])],
  controllers: [UsersController, IntegrationsController],
  providers: [UsersService, IntegrationsService],
  exports: [UsersService, IntegrationsService],
})
export class UsersModule {}

/** For the worker: the service without the HTTP controller. */
@Module({
  imports: [TypeOrmModule.forFeature([User, UserGroup])],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersDirectoryModule {}
