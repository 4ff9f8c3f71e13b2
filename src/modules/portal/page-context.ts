import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../common/auth/decorators.js';
import type { FormState } from '../../common/views/form.js';
import { navFor } from '../../common/views/nav.js';

export type PageRequest = FastifyRequest & { user?: AuthUser };

type CsrfReply = FastifyReply & { generateCsrf(): Promise<string> | string };

/** What a page template receives besides its own data (the layout uses all of it). */
export interface PageData {
  title?: string;
  form?: FormState;
  [key: string]: unknown;
}

/**
 * Renders a page with what every page needs, so controllers never repeat it: the signed-in user,
 * a CSRF token for its forms (the header's 退出 is one), the navigation for the user's role. Pages of a
 * signed-in person are not cached anywhere (they show personal data).
 */
@Injectable()
export class PageContext {
  async render(req: PageRequest, reply: FastifyReply, view: string, data: PageData = {}, status = 200): Promise<FastifyReply> {
    const csrfToken = await (reply as CsrfReply).generateCsrf();
    const user = req.user ?? null;
    const currentPath = req.url.split('?')[0];
    if (user) reply.header('Cache-Control', 'no-store');
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .view(`pages/${view}.hbs`, {
        ...data,
        user,
        csrfToken,
        currentPath,
        nav: navFor(user, currentPath),
      }) as unknown as Promise<FastifyReply>;
  }

  /** 303 See Other: after a form post, the browser GETs the next page. */
  redirect(reply: FastifyReply, url: string): FastifyReply {
    return reply.redirect(url, 303);
  }
}

/**
 * A `next` target is followed only when it is a path on this site ("/operator"), never another
 * origin ("//evil.example", "/\\evil.example", "https://…") nor the sign-in page itself.
 */
export function safeNext(next: unknown, fallback = '/desk'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!/^\/(?![/\\])/.test(next) || /[\u0000-\u001f\\]/.test(next)) return fallback;
  if (/^\/(login|logout|signup)(\/|\?|$)/.test(next)) return fallback;
  return next;
}
