import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ListMessagesQuery {
  @IsOptional() @IsUUID('all', { message: 'invoiceId must be an invoice id (UUID)' })
  invoiceId?: string;

  @IsOptional() @IsIn(['customer', 'internal'])
  audience?: 'customer' | 'internal';

  @IsOptional() @IsEmail({}, { message: 'recipient must be an email address' })
  recipient?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 100;
}
