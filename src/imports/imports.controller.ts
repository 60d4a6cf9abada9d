import { Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/errors.js';
import { ListQuery, sortParameterValues } from '../common/lists/list-query.js';
import type { ListPage } from '../common/lists/list-response.js';
import { IdPipe } from '../common/uuid.js';
import { AppConfig } from '../config/app-config.js';
import { BackpressureHint } from '../temporal/backpressure-hint.js';
import { importFormatOf, IMPORT_MEDIA_TYPES } from './import-file.js';
import type { ImportStatus } from './import.entities.js';
import { IMPORT_REJECTED_SCHEMA, ImportListPageResponse, ImportResponse } from './import.openapi.js';
import type { ImportSummaryView, ImportView } from './import.view.js';
import { IMPORT_SORTS, ImportsService } from './imports.service.js';

export class ImportQuery {
  /** The file's name, shown with the import. */
  @IsOptional() @IsString() @Length(1, 255)
  name?: string;
}

/** GET /api/v1/imports. */
export class ImportListQuery extends ListQuery {
  /** `-createdAt` (newest first) by default. */
  @IsOptional() @IsIn(sortParameterValues(IMPORT_SORTS))
  sort?: string;

  @IsOptional() @IsIn(['loading', 'completed'])
  status?: ImportStatus;
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Present when Temporal has a backlog older than RELANCE_BACKPRESSURE_AGE_SECONDS: seconds before sending more bulk work', schema: { type: 'integer' } },
} as const;

@Controller('api/v1/imports')
export class ImportsController {
  constructor(
    @Inject(ImportsService) private readonly imports: ImportsService,
    @Inject(BackpressureHint) private readonly backpressure: BackpressureHint,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * An initial load: customers and their open invoices, one intake request per
   * row (CSV with dotted headers, or JSON lines). Every row is checked first;
   * one invalid row refuses the file (422, nothing written). An accepted file
   * loads in the background (202); the same file again answers 200 with its import.
   */
  @Post()
  @Roles('erp', 'admin')
  @ApiConsumes(...Object.keys(IMPORT_MEDIA_TYPES))
  @ApiBody({ description: 'The file: CSV (header row of field names, nested ones dotted: customer.externalId) or JSON lines (one POST /api/v1/invoices body per line)', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 202, description: 'Accepted: every row is valid; loading in the background (follow GET /api/v1/imports/{id})', type: ImportResponse, headers: RETRY_AFTER })
  @ApiResponse({ status: 200, description: 'This file was already imported: its import, unchanged', type: ImportResponse, headers: RETRY_AFTER })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE: larger than RELANCE_IMPORT_LIMIT_MB', schema: { $ref: '#/components/schemas/Error' } })
  @ApiResponse({ status: 415, description: 'UNSUPPORTED_MEDIA_TYPE: send text/csv or application/x-ndjson', schema: { $ref: '#/components/schemas/Error' } })
  @ApiResponse({ status: 422, description: 'IMPORT_REJECTED: row-level errors (row, field, message); nothing was written', schema: IMPORT_REJECTED_SCHEMA })
  async submit(
    @Req() req: Request,
    @Query() query: ImportQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportView> {
    const format = importFormatOf(req.headers['content-type']);
    if (!format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file as ${Object.keys(IMPORT_MEDIA_TYPES).join(' or ')}`, 415);
    const file = await readBody(req, this.config.RELANCE_IMPORT_LIMIT_MB * 1024 * 1024);
    const { outcome, view } = await this.imports.submit(file, format, {
      fileName: query.name ?? null, submittedBy: principal.userId ?? principal.name,
    });
    await this.backpressure.apply(res);
    res.status(outcome === 'accepted' ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return view;
  }

  /** Past and running imports, newest first, each with its progress (rows done/failed, rate, ETA, status); cursor-paginated. */
  @Get()
  @Roles('erp', 'admin')
  @ApiResponse({ status: 200, description: 'A page of imports with their progress; the refused rows are listed by GET /api/v1/imports/{id}', type: ImportListPageResponse })
  async index(@Query() query: ImportListQuery): Promise<ListPage<ImportSummaryView>> {
    return this.imports.list(query);
  }

  @Get(':id')
  @Roles('erp', 'admin')
  @ApiResponse({ status: 200, description: 'Progress: rows done, failed, pending; rate and ETA', type: ImportResponse, headers: RETRY_AFTER })
  async get(@Param('id', new IdPipe('Import')) id: string, @Res({ passthrough: true }) res: Response): Promise<ImportView> {
    const view = await this.imports.get(id);
    if (view.status === 'loading') await this.backpressure.apply(res);
    return view;
  }
}

async function readBody(req: Request, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Import files are limited to ${limitBytes} bytes`, 413, { limitBytes });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
