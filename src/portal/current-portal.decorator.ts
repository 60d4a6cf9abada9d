import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PortalPrincipal, PortalRequest } from './portal-sessions.service.js';

/** The portal session's contact and customer, set by the auth guard on @PortalOnly() routes. */
export const CurrentPortal = createParamDecorator((_data: unknown, context: ExecutionContext): PortalPrincipal => {
  const portal = context.switchToHttp().getRequest<PortalRequest>().portal;
  if (!portal) throw new Error('CurrentPortal used outside a @PortalOnly() route');
  return portal;
});
