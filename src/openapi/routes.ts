import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { IS_PORTAL, IS_PUBLIC, REQUIRED_ROLES } from '../auth/auth.tokens.js';
import type { Role } from '../auth/principal.js';
import { IdPipe } from '../common/uuid.js';
import { InvoiceIdPipe } from '../invoices/invoice-ref.js';
import { isRateLimited } from '../http/rate-limit.js';

/** One mounted HTTP route and what the OpenAPI document derives from its metadata. */
export interface MountedRoute {
  /** Lower-case HTTP method, as OpenAPI keys operations. */
  method: string;
  /** OpenAPI path template: `/api/v1/invoices/{id}`. */
  path: string;
  controller: string;
  handler: string;
  public: boolean;
  /** A customer portal route: a portal session (cookie `relance_portal`), never a token. */
  portal: boolean;
  /** Handler-level roles override class-level ones, as in the AuthGuard. */
  roles: Role[];
  rateLimited: boolean;
  /** Path parameters answered 404 unless they are UUIDs (IdPipe). */
  uuidParams: string[];
  /** Path parameters naming an invoice by UUID or `ext:<externalId>` (@InvoiceParam, read with `?entity=`). */
  invoiceRefParams: string[];
  /** The class of a whole-object @Query() (its properties become query parameters). */
  queryType: Type | null;
  /** The class of a whole-object @Body(). */
  bodyType: Type | null;
  /** Reads a body at all (a DTO, a field, or one the service validates itself). */
  hasBody: boolean;
  /** @HttpCode(), else Nest's default: 201 for POST, 200 otherwise. */
  successStatus: number;
}

interface RouteArg {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts.flatMap((p) => (Array.isArray(p) ? p.slice(0, 1) : [p ?? '']));
  const path = `/${segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function isDtoClass(type: unknown): type is Type {
  return typeof type === 'function' && ![Object, String, Number, Boolean, Array].includes(type as never);
}

/** Every route of these controllers with its access, parameters and body. */
export function routesOf(controllers: readonly Type[]): MountedRoute[] {
  const scanner = new MetadataScanner();
  return controllers.flatMap((controller) => {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const classPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
    const classRoles = Reflect.getMetadata(REQUIRED_ROLES, controller) as Role[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    return scanner.getAllMethodNames(proto).flatMap((name): MountedRoute[] => {
      const handler = proto[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) return [];
      const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArg>);
      const paramTypes = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as unknown[];
      const argsOf = (kind: RouteParamtypes) => args.filter(([key]) => key.split(':')[0] === String(kind)).map(([, a]) => a);
      const wholeObject = (kind: RouteParamtypes): Type | null => {
        const arg = argsOf(kind).find((a) => a.data === undefined);
        const type = arg ? paramTypes[arg.index] : undefined;
        return isDtoClass(type) ? type : null;
      };
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
      const isPublic = classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true;
      const isPortal = !isPublic && (Reflect.getMetadata(IS_PORTAL, controller) === true || Reflect.getMetadata(IS_PORTAL, handler) === true);
      return [{
        method,
        path: joinPath(prefix, path),
        controller: controller.name,
        handler: name,
        public: isPublic,
        portal: isPortal,
        roles: isPublic || isPortal ? [] : ((Reflect.getMetadata(REQUIRED_ROLES, handler) ?? classRoles ?? []) as Role[]),
        rateLimited: isRateLimited(controller) || isRateLimited(handler),
        uuidParams: argsOf(RouteParamtypes.PARAM)
          .filter((a) => typeof a.data === 'string' && (a.pipes ?? []).some((p) => p instanceof IdPipe))
          .map((a) => a.data as string),
        // @InvoiceParam() is a custom decorator over `:id` with InvoiceIdPipe.
        invoiceRefParams: args
          .filter(([key, a]) => key.includes('__customRouteArgs__') && (a.pipes ?? []).some((p) => p === InvoiceIdPipe || p instanceof InvoiceIdPipe))
          .map(() => 'id'),
        queryType: wholeObject(RouteParamtypes.QUERY),
        bodyType: wholeObject(RouteParamtypes.BODY),
        hasBody: argsOf(RouteParamtypes.BODY).length > 0,
        successStatus: (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200),
      }];
    });
  });
}

/** The controllers the application mounted, from its module graph. */
export function mountedControllers(app: INestApplication): Type[] {
  const found = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) found.add(wrapper.metatype as Type);
  }
  return [...found];
}

export function mountedRoutes(app: INestApplication): MountedRoute[] {
  return routesOf(mountedControllers(app));
}
