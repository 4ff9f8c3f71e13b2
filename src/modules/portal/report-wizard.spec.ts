import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../config/app-config.js';
import { firstUnanswered, reachable, ReportWizard, stepOfField, WIZARD_LIFETIME_MS } from './report-wizard.js';

const wizard = (secret = 'a-secret-of-at-least-thirty-two-characters!') => new ReportWizard({ jwtSecret: secret } as AppConfig);

describe('ReportWizard (the report form’s signed answers)', () => {
  const draft = { targetKind: 'filing' as const, filingNo: 'YH-ZMT-2026-000001', category: 'C06', description: '谣言“封控”<script>', done: ['target' as const, 'category' as const] };

  it('round-trips the answers', () => {
    const w = wizard();
    const token = w.sign(draft);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(w.verify(token)).toEqual({ ok: true, draft });
  });

  it('refuses a changed payload, another key’s signature, junk and a missing token', () => {
    const w = wizard();
    const [payload, mac] = w.sign(draft).split('.');
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    body.d.done = ['target', 'category', 'details'];
    expect(w.verify(`${Buffer.from(JSON.stringify(body)).toString('base64url')}.${mac}`)).toEqual({ ok: false, reason: 'tampered' });
    expect(w.verify(wizard('another-secret-of-at-least-thirty-two-chars').sign(draft))).toEqual({ ok: false, reason: 'tampered' });
    for (const junk of ['x', 'a.b.c', `${payload}.`, '.x', 'x'.repeat(70_000)]) expect(w.verify(junk).ok).toBe(false);
    expect(w.verify(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(w.verify(['a', 'b'])).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires after its lifetime', () => {
    const w = wizard();
    const now = Date.now();
    const token = w.sign(draft, now);
    expect(w.verify(token, now + WIZARD_LIFETIME_MS - 1).ok).toBe(true);
    expect(w.verify(token, now + WIZARD_LIFETIME_MS + 1)).toEqual({ ok: false, reason: 'expired' });
  });

  it('keeps only known fields of the expected types', () => {
    const w = wizard();
    const token = w.sign({ ...draft, role: 'sysadmin', evidenceUrls: ['https://a.example', 3], done: ['target', 'nonsense'] } as never);
    expect(w.verify(token)).toEqual({ ok: true, draft: { ...draft, evidenceUrls: ['https://a.example'], done: ['target'] } });
  });
});

describe('the order of the questions', () => {
  it('a page is reached only once the questions before it are answered', () => {
    expect(firstUnanswered({})).toBe('target');
    expect(reachable({}, 'check')).toBe('target');
    expect(reachable({ done: ['target'] }, 'details')).toBe('category');
    expect(reachable({ done: ['target'] }, 'category')).toBe('category');
    expect(reachable({ done: ['target', 'category', 'details'] }, 'check')).toBe('check');
    // Going back is always allowed.
    expect(reachable({ done: ['target'] }, 'target')).toBe('target');
  });

  it('sends a refused field back to its question', () => {
    expect(stepOfField('filingNo')).toBe('target');
    expect(stepOfField('platformAccountId')).toBe('target');
    expect(stepOfField('category')).toBe('category');
    expect(stepOfField('evidenceUrls')).toBe('details');
    expect(stepOfField('evidenceUrl3')).toBe('details');
    expect(stepOfField('description')).toBe('details');
  });
});
