import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { PASSWORD, type TestApp } from './test-app.js';

type Form = Record<string, string | string[] | undefined>;

/** The hidden CSRF field of the first form on a page. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/** The error summary's entries: [href, message]. */
export function summaryOf(html: string): [string, string][] {
  const box = /<div class="error-summary" role="alert"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...box.matchAll(/<li>(?:<a href="([^"]*)">|<span>)([^<]*)</g)].map((m) => [m[1] ?? '', m[2]]);
}

/** The text content of <main>, tags removed. */
export function mainText(html: string): string {
  return (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** A browser-like visitor: keeps cookies and posts forms with the page's CSRF token. */
export class Visitor {
  readonly agent: TestAgent;
  private token: string | null = null;
  constructor(t: TestApp) {
    this.agent = request.agent(t.app.getHttpServer());
  }
  get(path: string) {
    return this.agent.get(path);
  }
  async csrf(): Promise<string> {
    this.token ??= csrfOf((await this.agent.get('/login')).text);
    return this.token;
  }
  async post(path: string, form: Form = {}, opts: { csrf?: boolean } = {}) {
    const params = new URLSearchParams();
    if (opts.csrf !== false) params.append('_csrf', await this.csrf());
    for (const [k, v] of Object.entries(form)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    }
    return this.agent.post(path).type('form').send(params.toString());
  }
  async signIn(username: string, password = PASSWORD) {
    const res = await this.post('/login', { username, password });
    if (res.status !== 303) throw new Error(`page sign-in of ${username} failed: ${res.status}`);
    return this;
  }
}
