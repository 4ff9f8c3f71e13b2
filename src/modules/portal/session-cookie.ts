import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from '../../common/auth/token.service.js';

type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, opts: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, opts: Record<string, unknown>): FastifyReply;
};

/** `Secure` only where the site is served over HTTPS (COOKIE_SECURE=true behind TLS). */
function secure(): boolean {
  return ['1', 'true', 'yes', 'on'].includes((process.env.COOKIE_SECURE ?? '').toLowerCase());
}

function baseOptions() {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: secure() };
}

/** The access token in an httpOnly, SameSite=Strict cookie that lives as long as the token. */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  (reply as CookieReply).setCookie(SESSION_COOKIE, token, { ...baseOptions(), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  (reply as CookieReply).clearCookie(SESSION_COOKIE, baseOptions());
}
