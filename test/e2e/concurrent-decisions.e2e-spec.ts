import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DecisionLab, KINDS, summarise, type TrialResult } from '../reliability/decision-trials.js';
import { ADMIN, bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The small version of `npm run reliability:decisions`: a few trials of 20 identical decisions fired
 * at once over real HTTP (the app listens on an ephemeral port), on SQLite and on MariaDB (DB=mysql).
 */
const TRIALS = 3;
const CONCURRENCY = 20;

describe('identical decisions at once decide once', () => {
  let t: TestApp;
  let lab: DecisionLab;

  beforeAll(async () => {
    t = await bootTestApp();
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    lab = await DecisionLab.open(base, t.app.get(DataSource), ADMIN);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([...KINDS.map((k) => [k, false] as const), ['filing review', true] as const])('%s (one Idempotency-Key: %s): one decision (the rest clean 409s or replays), one number, one audit entry, a valid chain', async (kind, idempotencyKey) => {
    const results: TrialResult[] = [];
    for (let i = 0; i < TRIALS; i++) results.push(await lab.trial(kind, CONCURRENCY, { idempotencyKey }));
    const s = summarise(kind, results);
    expect(s.oddities).toEqual([]);
    expect({
      trials: s.trials,
      requests: s.requests,
      exactlyOne: s.exactlyOne,
      serverErrors: s.serverErrors,
      unclean: s.unclean,
      duplicateDecisions: s.duplicateDecisions,
      duplicateNumbers: s.duplicateNumbers,
      duplicateAuditEntries: s.duplicateAuditEntries,
      numberGaps: s.numberGaps,
      chainBroken: s.chainBroken,
    }).toEqual({
      trials: TRIALS,
      requests: TRIALS * CONCURRENCY,
      exactlyOne: TRIALS,
      serverErrors: 0,
      unclean: 0,
      duplicateDecisions: 0,
      duplicateNumbers: 0,
      duplicateAuditEntries: 0,
      numberGaps: 0,
      chainBroken: 0,
    });
  });
});
