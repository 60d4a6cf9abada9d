import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../common/errors.js';
import { ImportStatementQuery, ListLinesQuery, StatementListQuery } from './bank-statements.dto.js';
import { BankStatementsService } from './bank-statements.service.js';
import { BankLineResponse, StatementImportResponse, StatementListPageResponse } from './cash.openapi.js';
import { StatementListService } from './statement-list.service.js';

/** Statement files are small (a busy account's day is well under 1 MiB); this bounds memory. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;
const RAW_TYPES = /^(application\/octet-stream|text\/plain|application\/xml|text\/xml)\b/i;

@Controller('api/v1/bank-statements')
export class BankStatementsController {
  constructor(
    @Inject(BankStatementsService) private readonly statements: BankStatementsService,
    @Inject(StatementListService) private readonly list: StatementListService,
  ) {}

  /** Imported statements of the entity, newest first, each with its lines counted per status as they stand now. */
  @Get()
  @Roles('cash_manager', 'credit_manager', 'erp')
  @ApiResponse({ status: 200, description: 'A page of imported statements with their lines per status', type: StatementListPageResponse })
  index(@Query() query: StatementListQuery): Promise<StatementListPageResponse> {
    return this.list.statements(query);
  }

  /** The file as the body (octet-stream, text/plain, XML) or as the multipart field `file`. */
  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('cash_manager', 'credit_manager', 'erp')
  @ApiConsumes('application/octet-stream', 'text/plain', 'application/xml', 'multipart/form-data')
  @ApiBody({ description: 'The statement file (CFONB 120, camt.053, MT940), raw or as the multipart field `file`', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 201, description: 'Imported; its credits matched (sure ones applied)', type: StatementImportResponse })
  @ApiResponse({ status: 400, description: 'STATEMENT_MALFORMED (naming the line and field) or FILE_MISSING', schema: { $ref: '#/components/schemas/Error' } })
  @ApiResponse({ status: 413, description: `PAYLOAD_TOO_LARGE: statement files are limited to ${MAX_STATEMENT_BYTES} bytes`, schema: { $ref: '#/components/schemas/Error' } })
  @ApiResponse({ status: 415, description: 'UNSUPPORTED_MEDIA_TYPE', schema: { $ref: '#/components/schemas/Error' } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_STATEMENT_BYTES, files: 1 } }))
  async import(
    @Req() req: Request,
    @Query() query: ImportStatementQuery,
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file?: { buffer: Buffer },
  ): Promise<StatementImportResponse> {
    const bytes = file ? file.buffer : await readRawBody(req);
    return this.statements.import(bytes, { entity: query.entity, encoding: query.encoding, importedBy: principal.email ?? principal.name });
  }

  @Get(':id/lines')
  @Roles('cash_manager', 'credit_manager', 'erp')
  @ApiResponse({ status: 200, description: 'The statement\'s lines in file order (`offset`, at most `limit`); GET /api/v1/bank-lines?statement= pages and filters them by status', type: [BankLineResponse] })
  lines(@Param('id') id: string, @Query() query: ListLinesQuery): Promise<BankLineResponse[]> {
    return this.statements.lines(id, { limit: query.limit ?? 1000, offset: query.offset ?? 0 });
  }
}

async function readRawBody(req: Request): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (/^multipart\//i.test(type)) throw new AppError('FILE_MISSING', 'The multipart body has no field "file"', 400, { errors: [{ field: 'file', messages: ['is missing'] }] });
  if (!RAW_TYPES.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the statement as application/octet-stream, text/plain or multipart/form-data (field "file")', 415);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_STATEMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Statement files are limited to ${MAX_STATEMENT_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
