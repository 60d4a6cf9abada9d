import { Nullable } from '../common/validation.js';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../auth/principal.js';

const GROUP_CODE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const GROUP_MESSAGE = 'each group must be a code of lower-case letters, digits, - or _ (at most 64)';

/** `erp` belongs to integration credentials (POST /api/v1/integrations), never to a person. */
export const PERSON_ROLES = ROLES.filter((r): r is Exclude<Role, 'erp'> => r !== 'erp');
const ROLE_MESSAGE = `each role must be one of ${PERSON_ROLES.join(', ')} (an ERP gets an integration credential: POST /api/v1/integrations)`;

export class CreateUserDto {
  @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email!: string;

  @IsString() @Length(1, 200)
  name!: string;

  @IsArray() @ArrayUnique() @ArrayMaxSize(PERSON_ROLES.length)
  @IsIn(PERSON_ROLES, { each: true, message: ROLE_MESSAGE })
  roles!: Role[];

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(50)
  @Matches(GROUP_CODE, { each: true, message: GROUP_MESSAGE })
  groups?: string[];
}

export class UpdateUserDto {
  @IsOptional() @IsString() @Length(1, 200)
  name?: string;

  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(PERSON_ROLES.length)
  @IsIn(PERSON_ROLES, { each: true, message: ROLE_MESSAGE })
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
  @Nullable() @IsOptional() @IsUUID('all', { message: 'managerUserId must be a user id (UUID)' })
  managerUserId?: string | null;
}

export const GROUP_CODE_PATTERN = GROUP_CODE;
