import { describe, expect, it } from '@jest/globals';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './security-headers.js';

describe('security headers worked out once', () => {
  it('are exactly what helmet sets on a real response for the same options', async () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    await new Promise<void>((resolve, reject) => helmet(SECURITY_HEADER_OPTIONS)(req, res, (e?: unknown) => (e ? reject(e) : resolve())));
    const expected = Object.fromEntries(Object.entries(res.getHeaders()).map(([k, v]) => [k, String(v)]));
    const got = Object.fromEntries(Object.entries(securityHeaders()).map(([k, v]) => [k.toLowerCase(), v]));
    expect(got).toEqual(expected);
    expect(got['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(got['content-security-policy']).toContain("script-src 'self'");
    expect(got['x-content-type-options']).toBe('nosniff');
  });
});
