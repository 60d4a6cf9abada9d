import { ApiProperty, OmitType, type SchemaObject } from '@nestjs/swagger';
import type { ListPage } from '../common/lists/list-response.js';
import { ApiReasonParams } from '../openapi/reason-params.js';
import { IMPORT_ERROR_CODES } from './import-file.js';
import { IMPORT_LOAD_FAILURE_CODES, type ImportLoadFailureCode, type ImportLoadFailureParams } from './import-load-failure.js';
import type { ImportFailureView, ImportSummaryView, ImportView } from './import.view.js';

// Response schemas of the import routes; `implements` keeps them in step with the view.

class ImportRowsResponse {
  @ApiProperty() total!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ description: 'Refused while loading (see failures)' }) failed!: number;
  @ApiProperty() pending!: number;
}

class ImportFailureResponse implements ImportFailureView {
  @ApiProperty({ description: '1-based data row (CSV: after the header; JSON lines: the line)' }) row!: number;
  @ApiProperty({
    example: 'INVOICE_CUSTOMER_MISMATCH: Invoice INV-1 belongs to another customer',
    description: 'In plain English: a fallback for integrators (its wording may change; read code and params), and all a row refused before failures had codes has (code null)',
  }) message!: string;
  @ApiProperty({
    type: 'string', enum: IMPORT_LOAD_FAILURE_CODES, nullable: true,
    description: 'Why the row was refused, for a client to write in its reader\'s language from params; null: use message',
  }) code!: ImportLoadFailureCode | null;
  @ApiReasonParams(
    'Every code: invoice (the row\'s externalId) when the row has one; INVOICE_CURRENCY_MISMATCH: currency (the one the row sends); '
    + 'VALIDATION_FAILED, PAYMENT_TERMS_UNLAWFUL: fields (the refused fields, joined by ", "), detail (intake\'s words, in English); '
    + 'REFUSED: reason (intake\'s error code), detail (its words, in English); INVOICE_CUSTOMER_MISMATCH, INVOICE_CLOSED: invoice only. '
    + 'null when code is null',
    { invoice: 'INV-1' }, true,
  ) params!: ImportLoadFailureParams | null;
}

export class ImportResponse implements ImportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['loading', 'completed'] }) status!: 'loading' | 'completed';
  @ApiProperty({ type: 'string', nullable: true }) fileName!: string | null;
  @ApiProperty({ enum: ['csv', 'jsonl'] }) format!: 'csv' | 'jsonl';
  @ApiProperty({ description: 'SHA-256 of the file: the same file again is the same import' }) fileSha256!: string;
  @ApiProperty({ example: 'invoice-import-1b4e28ba-2fa1-11d2-883f-0016d3cca427' }) workflowId!: string;
  @ApiProperty({ type: ImportRowsResponse }) rows!: ImportRowsResponse;
  @ApiProperty({ type: 'number', nullable: true, description: 'Rows per second since loading began' }) ratePerSecond!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Seconds to the last row at the current rate; 0 when done' }) etaSeconds!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) loadingStartedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: [ImportFailureResponse], description: 'Rows refused while loading, the first 1,000' }) failures!: ImportFailureResponse[];
}

/** An import in GET /api/v1/imports: its progress, without the refused rows (GET /api/v1/imports/{id} lists them). */
export class ImportSummaryResponse extends OmitType(ImportResponse, ['failures'] as const) implements ImportSummaryView {}

export class ImportListPageResponse implements ListPage<ImportSummaryView> {
  @ApiProperty({ type: [ImportSummaryResponse] }) items!: ImportSummaryResponse[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'Imports matching the filters (null with total=false)' }) total!: number | null;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as cursor for the next page; null on the last page' }) nextCursor!: string | null;
}

export const IMPORT_REJECTED_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'rows', 'errorCount', 'errors'],
  properties: {
    statusCode: { type: 'integer', enum: [422] },
    code: { type: 'string', enum: ['IMPORT_REJECTED'] },
    message: { type: 'string' },
    rows: { type: 'integer', description: 'Rows read' },
    errorCount: { type: 'integer', description: 'All errors (only the first 1,000 are listed)' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['row', 'field', 'code', 'params', 'message'],
        properties: {
          row: { type: 'integer', description: '1-based data row; 0: the file or its header' },
          field: { type: 'string', description: 'Dotted path as in POST /api/v1/invoices (`customer.email`), or (row)/(file)' },
          code: { type: 'string', enum: [...IMPORT_ERROR_CODES], description: 'What is wrong, for a client to write in its reader\'s language from params' },
          params: {
            type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] }, example: { expected: 8, found: 7 },
            description: 'NOT_CSV, NOT_JSON: detail (the parser\'s words, in English); EMPTY_FILE: format (csv/jsonl); BAD_COLUMN_NAME, DUPLICATE_COLUMN: column; '
              + 'CELL_COUNT: expected, found; DUPLICATE_IN_FILE: invoice (its externalId), firstRow; '
              + 'FIELD_INVALID: rule (the broken constraint: isString, isIn, isEmail, isIsoDate, decimalAmount, whitelistValidation…); '
              + 'FIELD_REFUSED: reason (the error code of intake\'s checks, e.g. PAYMENT_TERMS_UNLAWFUL); NOT_OBJECT, NO_INVOICE: none',
          },
          message: { type: 'string', description: 'The same error in plain English: a fallback for integrators (its wording may change; read code and params)' },
        },
      },
    },
  },
};
