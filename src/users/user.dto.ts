import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../auth/principal.js';

const GROUP_CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const GROUP_MESSAGE = 'each group must be a code of lower-case letters, digits, - or _ (at most 64)';

export class CreateUserDto {
  @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email!: string;

  @IsString() @Length(1, 200)
  name!: string;

  @IsArray() @ArrayUnique() @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50)
  @Matches(GROUP_CODE, { each: true, message: GROUP_MESSAGE })
  groups?: string[];
}

export class UpdateUserDto {
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50)
  @Matches(GROUP_CODE, { each: true, message: GROUP_MESSAGE })
  groups?: string[];

  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class PutGroupDto {
  @IsString() @Length(1, 200)
  name!: string;

  /** Escalations (dispute SLA…) go to this user; null removes the manager. */
  @IsOptional() @IsUUID('all', { message: 'managerUserId must be a user id (UUID)' })
  managerUserId?: string | null;
}

export const GROUP_CODE_PATTERN = GROUP_CODE;
