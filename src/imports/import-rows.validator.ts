import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { FieldRuleError, FieldValidationError, RelanceValidationPipe } from '../common/validation.js';
import { CreateInvoiceDto } from '../invoices/create-invoice.dto.js';
import { InvoicesService } from '../invoices/invoices.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { LegalEntity } from '../organization/legal-entity.view.js';
import { rowError, type ParsedRow, type RowError } from './import-file.js';

const pipe = new RelanceValidationPipe();

/** A row as an intake request: the DTO the API's input pipe makes of it, or why it refuses it. */
export async function toIntakeDto(value: Record<string, unknown>): Promise<CreateInvoiceDto> {
  return (await pipe.transform(structuredClone(value), { type: 'body', metatype: CreateInvoiceDto, data: '' })) as CreateInvoiceDto;
}

/**
 * A refused row's errors: a constraint of the intake request broken (FIELD_INVALID, params.rule names it:
 * isString, isIn…), or one of intake's checks before writing (FIELD_REFUSED, params.reason: its error code).
 */
export function rowErrors(row: number, err: unknown): RowError[] {
  if (err instanceof FieldValidationError && err.rules.length > 0) {
    return err.rules.map((r) => rowError(row, r.field, 'FIELD_INVALID', { rule: r.rule }, r.message));
  }
  if (err instanceof FieldValidationError || err instanceof FieldRuleError) {
    const errors = err.errors.flatMap((e) => e.messages.map((message) => rowError(row, e.field, 'FIELD_REFUSED', { reason: err.code }, message)));
    return errors.length > 0 ? errors : [rowError(row, '(row)', 'FIELD_REFUSED', { reason: err.code }, err.message)];
  }
  if (err instanceof AppError && err.httpStatus < 500) return [rowError(row, '(row)', 'FIELD_REFUSED', { reason: err.code }, err.message)];
  throw err;
}

/**
 * Checks every row as POST /api/v1/invoices would (the same input pipe and
 * the same pre-write checks), so a row is valid exactly when intake would
 * accept it; and refuses the same invoice twice in one file, whose order of
 * loading would decide which version wins.
 */
@Injectable()
export class ImportRowsValidator {
  constructor(
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  async validate(rows: readonly ParsedRow[]): Promise<RowError[]> {
    const entityCache = new Map<string, Promise<LegalEntity | null>>();
    const findEntity = (code: string | undefined) => {
      const key = code ?? '';
      let found = entityCache.get(key);
      if (!found) entityCache.set(key, (found = this.entities.findByCode(code)));
      return found;
    };
    const errors: RowError[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, value } of rows) {
      let dto: CreateInvoiceDto;
      let entity: LegalEntity;
      try {
        dto = await toIntakeDto(value);
        ({ entity } = await this.invoices.precheck(dto, findEntity));
      } catch (err) {
        errors.push(...rowErrors(row, err));
        continue;
      }
      const key = `${entity.id}\u0000${dto.externalId}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        errors.push(rowError(row, 'externalId', 'DUPLICATE_IN_FILE', { invoice: dto.externalId, firstRow: first }, `invoice ${dto.externalId} is already in row ${first} of this file`));
      }
      else firstRowOf.set(key, row);
    }
    return errors;
  }
}
