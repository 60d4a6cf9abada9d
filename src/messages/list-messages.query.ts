import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ListMessagesQuery {
  @IsOptional() @IsUUID('all', { message: 'invoiceId must be an invoice id (UUID)' })
  invoiceId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit = 100;
}
