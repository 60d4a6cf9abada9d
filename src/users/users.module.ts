import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserGroup } from './user-group.entity.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, UserGroup])],
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}

/** For the worker: the service without the HTTP controller. */
@Module({
  imports: [TypeOrmModule.forFeature([User, UserGroup])],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersDirectoryModule {}
