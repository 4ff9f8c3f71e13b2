import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { type Actor, type Role, publicActor } from './roles.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Open to anyone, no login (the public portal and lookups). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles; everyone else gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** The user a valid token belongs to, as the JWT strategy loaded it. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  organization: string | null;
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip ?? null;
}

export function actorOf(req: FastifyRequest): Actor {
  const user = (req as FastifyRequest & { user?: AuthUser }).user;
  if (!user) return publicActor(clientIp(req));
  return { userId: user.id, username: user.username, role: user.role, ip: clientIp(req) };
}

/** The acting person (or the public) with the source address, for the audit trail. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<FastifyRequest>()),
);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined =>
  (ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>()).user,
);
