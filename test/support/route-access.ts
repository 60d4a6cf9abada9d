import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PORTAL, IS_PUBLIC, REQUIRED_ROLES } from '../../src/auth/auth.tokens.js';
import type { Role } from '../../src/auth/principal.js';
import { isRateLimited } from '../../src/http/rate-limit.js';

export interface RouteAccess {
  method: string;
  path: string;
  controller: string;
  handler: string;
  public: boolean;
  /** Marked @PortalOnly() (class or handler): a customer portal session, and nothing else, may call it. */
  portal: boolean;
  /** Handler-level roles override class-level ones, as in the guard. */
  roles: Role[] | null;
  /** Marked @RateLimited() (class or handler). */
  rateLimited: boolean;
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts.flatMap((p) => (Array.isArray(p) ? p.slice(0, 1) : [p ?? '']));
  return `/${segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

/** Every HTTP route of these controller classes with the access it declares. */
export function routesOf(controllers: readonly Type[]): RouteAccess[] {
  const scanner = new MetadataScanner();
  return controllers.flatMap((controller) => {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const classRoles = Reflect.getMetadata(REQUIRED_ROLES, controller) as Role[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    return scanner.getAllMethodNames(proto).flatMap((name) => {
      const handler = proto[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const handlerRoles = Reflect.getMetadata(REQUIRED_ROLES, handler) as Role[] | undefined;
      return [{
        method,
        path: joinPath(prefix, path),
        controller: controller.name,
        handler: name,
        public: classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true,
        portal: Reflect.getMetadata(IS_PORTAL, controller) === true || Reflect.getMetadata(IS_PORTAL, handler) === true,
        roles: handlerRoles ?? classRoles ?? null,
        rateLimited: isRateLimited(controller) || isRateLimited(handler),
      }];
    });
  });
}

/** The controllers the application actually mounted, from its module graph. */
export function mountedControllers(app: INestApplication): Type[] {
  const modules = app.get(ModulesContainer);
  const found = new Set<Type>();
  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) found.add(wrapper.metatype as Type);
  }
  return [...found];
}

/** Routes that are neither public nor restricted to at least one role: deny-by-default violations. */
export function undeclaredRoutes(routes: readonly RouteAccess[]): RouteAccess[] {
  return routes.filter((r) => !r.public && !r.portal && !(r.roles && r.roles.length > 0));
}
