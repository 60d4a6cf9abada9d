import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { CONSOLE_LANGUAGES, type ConsoleLanguage } from './console-account.entity.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.js';

export class SignInDto {
  @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email!: string;

  @IsString() @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}

export class MagicLinkRequestDto {
  @IsEmail({}, { message: 'email must be a valid email address' }) @Length(3, 320)
  email!: string;
}

export class LinkTokenDto {
  @IsString() @MaxLength(2000)
  token!: string;
}

export class SetPasswordDto {
  @IsString() @MaxLength(2000)
  token!: string;

  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long` })
  password!: string;
}

export class UpdateSessionDto {
  @IsIn(CONSOLE_LANGUAGES, { message: `language must be one of ${CONSOLE_LANGUAGES.join(', ')}` })
  language!: ConsoleLanguage;
}
