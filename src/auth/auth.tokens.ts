import { SetMetadata } from '@nestjs/common';

/** The API keys accepted as bearer tokens. */
export const API_KEYS = Symbol('API_KEYS');
export const IS_PUBLIC = 'relance:isPublic';

/** Marks a route that needs no API key (health checks). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
