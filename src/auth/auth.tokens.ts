import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal.js';

/** The API keys accepted as bearer tokens. */
export const API_KEYS = Symbol('API_KEYS');
/** Resolves a personal token to a principal (implemented by the users module). */
export const TOKEN_RESOLVER = Symbol('TOKEN_RESOLVER');
/** Resolves a console session cookie to a principal (implemented by the sessions module). */
export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');
/** Resolves a customer portal session cookie (implemented by the portal module). */
export const PORTAL_RESOLVER = Symbol('PORTAL_RESOLVER');
export const IS_PUBLIC = 'relance:isPublic';
export const IS_PORTAL = 'relance:isPortal';
export const REQUIRED_ROLES = 'relance:roles';

/** Marks a route that needs no API key (health checks, signed decision links). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to principals holding one of these roles (admins always pass). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/**
 * A customer portal route: only a portal session (one contact of one customer) may call it; staff
 * tokens and console sessions are refused, and the portal session reaches no other route.
 */
export const PortalOnly = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PORTAL, true);
