import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { backup } from '../../scripts/backup.js';
import { dropMysqlDatabase } from '../../scripts/mysql-admin.js';
import { manifestPathFor, mysqlFacts, mysqlTarget, sqliteFacts } from '../../scripts/backup-support.js';
import { restore, RestoreRefused } from '../../scripts/restore.js';
import { concludedInterview, office, type Office } from '../factories/interviews.js';
import { filedAccount, type FiledAccount } from '../factories/registry.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `npm run backup` and `npm run restore` on the test database (SQLite, or MariaDB with DB=mysql):
 * a backup taken while reports keep coming in restores into a fresh database with the manifest's
 * row counts and audit head, the app boots on it and its audit chain verifies.
 */
describe('backup and restore', () => {
  let t: TestApp;
  let o: Office;
  let accounts: FiledAccount[];
  const dir = mkdtempSync(join(tmpdir(), 'backup-e2e-'));
  const restoreDir = mkdtempSync(join(tmpdir(), 'restore-e2e-'));
  const isMysql = () => t.config.database.kind === 'mysql';
  let targetUrl: string;
  let liveUrl: string;

  const report = (filingNo: string, n: number) =>
    t.http.post('/api/public/reports').send({ filingNo, category: 'C03', description: `标题夸大、误导读者的文章（备份测试 ${n}）` });

  beforeAll(async () => {
    t = await bootTestApp();
    liveUrl = t.config.database.url;
    o = await office(t);
    accounts = [await filedAccount(t, o.officer.token), await filedAccount(t, o.officer.token)];
    for (let i = 0; i < 5; i++) expect((await report(accounts[i % 2].filingNo, i)).status).toBe(201);
    await concludedInterview(t, o, accounts[0], 'pass');
    targetUrl = isMysql()
      ? Object.assign(new URL(t.config.database.url), { pathname: `/restored_${Date.now().toString(36)}` }).toString()
      : `sqlite:${join(restoreDir, 'registry.sqlite')}`;
  });
  afterAll(async () => {
    await t.close(); // the app on the restored database: drops it
    // The app on the live database was closed keeping it; drop it here.
    if (liveUrl.startsWith('sqlite:')) rmSync(dirname(liveUrl.slice('sqlite:'.length)), { recursive: true, force: true });
    else await dropMysqlDatabase(liveUrl);
    rmSync(dir, { recursive: true, force: true });
    rmSync(restoreDir, { recursive: true, force: true });
  });

  it('backs up while writes continue, restores into a fresh database and verifies it; the app runs on the copy', async () => {
    const file = join(dir, 'registry.gz');
    // Reports keep arriving while the backup is taken.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let n = 100; writing; n++) {
        const r = await report(accounts[n % 2].filingNo, n);
        expect(r.status).toBe(201);
        written += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const b = await backup(t.config.database.url, file);
    writing = false;
    await writer;
    expect(written).toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(manifestPathFor(file), 'utf8'));
    expect(manifest).toMatchObject({ dialect: isMysql() ? expect.stringMatching(/^(mysql|mariadb)$/) : 'sqlite', file: 'registry.gz', appVersion: expect.any(String) });
    expect(manifest.tables.public_report).toBeGreaterThanOrEqual(5);
    expect(manifest.tables.audit_entry).toBe(manifest.auditHead.seq);
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(b.manifest).toEqual(manifest);

    // The live database moved on after the snapshot; the restored one must be the snapshot exactly.
    const ds = t.app.get(DataSource);
    const [{ n: reportsNow }] = await ds.query('SELECT COUNT(*) AS n FROM public_report');
    expect(Number(reportsNow)).toBeGreaterThanOrEqual(manifest.tables.public_report);

    const r = await restore(file, targetUrl);
    expect(r.check).toMatchObject({ ok: true, differences: [], auditHeadEqual: true, migrationsEqual: true, chain: { valid: true, entries: manifest.auditHead.seq } });
    expect(r.check.tablesEqual).toBe(Object.keys(manifest.tables).length);
    const facts = isMysql() ? await mysqlFacts(mysqlTarget(targetUrl)) : sqliteFacts(targetUrl.slice('sqlite:'.length));
    expect(facts.tables).toEqual(manifest.tables);
    expect(facts.auditHead).toEqual(manifest.auditHead);

    // A second restore onto the now non-empty database is refused.
    await expect(restore(file, targetUrl)).rejects.toBeInstanceOf(RestoreRefused);
    // A backup file that no longer matches its manifest is refused before anything is touched.
    const tampered = join(dir, 'tampered.gz');
    writeFileSync(tampered, Buffer.concat([readFileSync(file), Buffer.from([0])]));
    copyFileSync(manifestPathFor(file), manifestPathFor(tampered));
    await expect(restore(tampered, targetUrl, { force: true })).rejects.toThrow(/does not match its manifest/);

    // The app boots on the restored database; the chain verifies, also after a new write.
    await t.closeKeepingDatabase();
    t = await bootTestApp({}, { databaseUrl: targetUrl });
    const auditor = await t.user('auditor');
    const verify = await t.http.get('/api/audit/verify').set(bearer(auditor.token));
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ valid: true });
    expect(verify.body.entries).toBeGreaterThan(manifest.auditHead.seq);
    const tracked = await t.http.get('/api/reports').query({ pageSize: 100 }).set(bearer(await t.login(o.officer.username)));
    expect(tracked.status).toBe(200);
    expect(tracked.body.total).toBe(manifest.tables.public_report);
  });
});
