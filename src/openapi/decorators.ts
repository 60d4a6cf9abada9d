import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A route answering HTML pages (signed links): each status with its meaning. */
export const ApiHtmlPages = (pages: Record<number, string>): MethodDecorator & ClassDecorator =>
  applyDecorators(...Object.entries(pages).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: { 'text/html': { schema: { type: 'string' } } } })));
