import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** A route answering HTML pages (signed links): each status with its meaning. */
export const ApiHtmlPages = (pages: Record<number, string>): MethodDecorator & ClassDecorator =>
  applyDecorators(...Object.entries(pages).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: { 'text/html': { schema: { type: 'string' } } } })));

/** An error status a route answers beyond those its metadata implies (e.g. a public sign-in's 401), in the shared error shape. */
export const ApiErrors = (errors: Record<number, string>): MethodDecorator & ClassDecorator =>
  applyDecorators(...Object.entries(errors).map(([status, description]) =>
    ApiResponse({ status: Number(status), description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })));
