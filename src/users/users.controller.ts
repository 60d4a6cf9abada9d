import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { ANY_ROLE } from '../auth/need-to-know.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { FieldValidationError } from '../common/validation.js';
import { CreateUserDto, GROUP_CODE_PATTERN, PutGroupDto, UpdateUserDto } from './user.dto.js';
import { GroupResponse, MeResponse, UserResponse, UserWithTokenResponse } from './user.openapi.js';
import type { GroupView, UserView } from './user.views.js';
import { UsersService } from './users.service.js';
import { IdPipe } from '../common/uuid.js';

@Controller('api/v1')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  /** Creates a user; the answer carries their personal API token, shown this once. */
  @ApiResponse({ status: 201, description: 'The user, with their personal token', type: UserWithTokenResponse })
  @Post('users')
  @Roles('admin')
  create(@Body() dto: CreateUserDto): Promise<UserView & { token: string }> {
    return this.users.create(dto);
  }

  @ApiResponse({ status: 200, description: 'Every user', type: [UserResponse] })
  @Get('users')
  @Roles('admin')
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  /** Who the token belongs to. */
  @ApiResponse({ status: 200, description: 'Who is calling: kind, user, roles, groups', type: MeResponse })
  @Get('users/me')
  @Roles(...ANY_ROLE)
  me(@CurrentPrincipal() principal: Principal): MeResponse {
    const { kind, userId, email, name, roles, groups } = principal;
    return { kind, userId, email, name, roles: [...roles], groups: [...groups] };
  }

  @ApiResponse({ status: 200, description: 'The user', type: UserResponse })
  @Get('users/:id')
  @Roles('admin')
  get(@Param('id', new IdPipe('User')) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  @ApiResponse({ status: 200, description: 'The updated user', type: UserResponse })
  @Patch('users/:id')
  @Roles('admin')
  update(@Param('id', new IdPipe('User')) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.users.update(id, dto);
  }

  /** Issues a new personal token; the previous one, if any, stops working. */
  @ApiResponse({ status: 200, description: 'The user, with their new personal token', type: UserWithTokenResponse })
  @Post('users/:id/token')
  @Roles('admin')
  @HttpCode(200)
  rotateToken(@Param('id', new IdPipe('User')) id: string): Promise<UserView & { token: string }> {
    return this.users.rotateToken(id);
  }

  /** Revokes the personal token: it stops working at once and no other is issued (again: same answer). */
  @ApiResponse({ status: 200, description: 'The user, now without a personal token', type: UserResponse })
  @Delete('users/:id/token')
  @Roles('admin')
  revokeToken(@Param('id', new IdPipe('User')) id: string): Promise<UserView> {
    return this.users.revokeToken(id);
  }

  @ApiResponse({ status: 200, description: 'Every group, its manager and members', type: [GroupResponse] })
  @Get('groups')
  @Roles('admin')
  listGroups(): Promise<GroupView[]> {
    return this.users.listGroups();
  }

  @ApiResponse({ status: 200, description: 'The group as saved', type: GroupResponse })
  @Put('groups/:code')
  @Roles('admin')
  putGroup(@Param('code') code: string, @Body() dto: PutGroupDto): Promise<GroupView> {
    if (!GROUP_CODE_PATTERN.test(code)) {
      throw new FieldValidationError([{ field: 'code', messages: ['group code must be lower-case letters, digits, - or _ (at most 64)'] }]);
    }
    return this.users.putGroup(code, dto);
  }
}

