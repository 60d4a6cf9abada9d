import { IsString, Length, Matches } from 'class-validator';

/** POST /api/v1/invoices/:id/cancel: the ERP cancelled the invoice. */
export class CancelInvoiceDto {
  /** Why, in the ERP's words: shown on the invoice's timeline. */
  @IsString() @Length(1, 1000) @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
