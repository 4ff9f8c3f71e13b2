import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IS_PUBLIC, ROLES_KEY } from '../../src/common/auth/decorators.js';

export interface RouteInfo {
  method: string;
  path: string;
  /** `METHOD /path` with Nest's `:param` placeholders, the access matrix's key. */
  key: string;
  isPublic: boolean;
  roles: string[];
}

const join = (...parts: string[]) => ('/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')).replace(/\/+/g, '/');

/**
 * Every route the application's controllers register, read from Nest's own metadata (the same
 * metadata the router and the access guard use), each checked to exist in Fastify's router.
 */
export function collectRoutes(app: NestFastifyApplication): RouteInfo[] {
  const modules = app.get(ModulesContainer);
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const fastify = app.getHttpAdapter().getInstance();
  const out = new Map<string, RouteInfo>();
  for (const mod of modules.values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...a: never[]) => object) | undefined;
      if (!type || !wrapper.instance) continue;
      const base = Reflect.getMetadata(PATH_METADATA, type) as string | string[] | undefined;
      const bases = Array.isArray(base) ? base : [base ?? ''];
      const proto = Object.getPrototypeOf(wrapper.instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name] as () => unknown;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const subs = Array.isArray(sub) ? sub : [sub];
        const isPublic = !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, type]);
        const roles = reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [handler, type]) ?? [];
        for (const b of bases) {
          for (const s of subs) {
            const path = join(b, s);
            const key = `${method} ${path}`;
            if (!fastify.hasRoute({ method: method as never, url: path })) throw new Error(`${key} is in Nest's metadata but not in Fastify's router`);
            out.set(key, { method, path, key, isPublic, roles: [...roles].sort() });
          }
        }
      }
    }
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
