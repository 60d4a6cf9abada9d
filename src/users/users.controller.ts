import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put } from '@nestjs/common';
import { Roles } from '../auth/auth.tokens.js';
import { ANY_ROLE } from '../auth/need-to-know.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { FieldValidationError } from '../common/validation.js';
import { CreateUserDto, GROUP_CODE_PATTERN, PutGroupDto, UpdateUserDto } from './user.dto.js';
import { UsersService } from './users.service.js';
import { IdPipe } from '../common/uuid.js';

@Controller('api/v1')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  /** Creates a user; the answer carries their personal API token, shown this once. */
  @Post('users')
  @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get('users')
  @Roles('admin')
  list() {
    return this.users.list();
  }

  /** Who the token belongs to. */
  @Get('users/me')
  @Roles(...ANY_ROLE)
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('users/:id')
  @Roles('admin')
  get(@Param('id', new IdPipe('User')) id: string) {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @Roles('admin')
  update(@Param('id', new IdPipe('User')) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  /** Issues a new personal token; the previous one stops working. */
  @Post('users/:id/token')
  @Roles('admin')
  @HttpCode(200)
  rotateToken(@Param('id', new IdPipe('User')) id: string) {
    return this.users.rotateToken(id);
  }

  @Get('groups')
  @Roles('admin')
  listGroups() {
    return this.users.listGroups();
  }

  @Put('groups/:code')
  @Roles('admin')
  putGroup(@Param('code') code: string, @Body() dto: PutGroupDto) {
    if (!GROUP_CODE_PATTERN.test(code)) {
      throw new FieldValidationError([{ field: 'code', messages: ['group code must be lower-case letters, digits, - or _ (at most 64)'] }]);
    }
    return this.users.putGroup(code, dto);
  }
}

