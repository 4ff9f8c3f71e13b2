import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { makeCreditCode, makeIdNumber, withWrongCheck } from '../factories/identifiers.js';
import { csvFile, type ImportCells, orgRow, personRow, xlsxFile } from '../factories/import-file.js';
import { createSubject, organizationBody } from '../factories/registry.js';
import { parseCsv } from '../helpers/csv.js';
import { bearer, bootTestApp, type TestApp } from '../helpers/test-app.js';
import { csrfOf, mainText, Visitor } from '../helpers/visitor.js';

/**
 * 批量导入 (src/modules/registry-import) through HTTP: CSV and .xlsx, the rejected-rows report row
 * by row, duplicates in the file and against the registry, refused files, the size limit, roles,
 * atomicity, the search index, and the officer's page. Runs on SQLite and (DB=mysql) MariaDB.
 */
const FILE_LIMIT = 1024 * 1024;

describe('registry import', () => {
  let t: TestApp;
  let officer: { id: string; token: string; username: string };
  let auditor: { token: string };
  let db: DataSource;

  const upload = (file: Buffer, name: string, token = officer.token) =>
    t.http.post('/api/registry/imports').set(bearer(token)).attach('file', file, name);
  const count = async (table: string) => Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const report = async (id: string) => {
    const res = await t.http.get(`/api/registry/imports/${id}/rejections.csv`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(['行号', '列', '错误代码', '原因']);
    return rows;
  };
  const accountsNamed = async (q: string) => {
    const res = await t.http.get(`/api/accounts?pageSize=100&q=${encodeURIComponent(q)}`).set(bearer(officer.token));
    expect(res.status).toBe(200);
    return res.body.items as { id: string; name: string; status: string; filingNo: string; subjectId: string; subjectName: string }[];
  };
  const workbook = async (path: string) => {
    const res = await t.http.get(path).set(bearer(officer.token)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    return book;
  };
  /** Every completed batch adds up: rows read = accepted + rejected, and the report names exactly the rejected rows. */
  const expectAddsUp = async (b: { id: string; rowsRead: number; accepted: number; rejected: number }) => {
    expect(b.accepted + b.rejected).toBe(b.rowsRead);
    expect(new Set((await report(b.id)).map((r) => r[0])).size).toBe(b.rejected);
  };

  beforeAll(async () => {
    t = await bootTestApp({ IMPORT_FILE_LIMIT: String(FILE_LIMIT) });
    officer = await t.user('officer');
    auditor = await t.user('auditor');
    db = t.app.get(DataSource);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives the template with the Chinese column names', async () => {
    const csv = await t.http.get('/api/registry/imports/template.csv').set(bearer(officer.token));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const [header] = parseCsv(csv.text);
    expect(header.slice(0, 4)).toEqual(['主体类型', '主体名称', '统一社会信用代码', '身份证号码']);
    expect(header).toContain('平台账号ID');
    expect(header).toContain('备案编号');
    const book = await workbook('/api/registry/imports/template.xlsx');
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(header);
  });

  it('imports a good CSV: subjects, filed accounts with filing numbers, one audit entry, found by the public search', async () => {
    const code = makeCreditCode();
    const year = new Date().getUTCFullYear() - 2;
    const rows = [
      orgRow({ 统一社会信用代码: code, 主体名称: '杭州良渚导入文化有限公司', 账号名称: '良渚导入文化号', 备案编号: `YH-ZMT-${year}-000417`, 备案日期: `${year}-03-05`, 管理等级: 'B', 定级年度: String(year) }),
      orgRow({ 统一社会信用代码: code, 主体名称: '杭州良渚导入文化有限公司', 账号名称: '良渚导入美食', 平台: '微博' }),
      personRow({ 主体名称: '李导入', 账号名称: '小李导入聊' }),
    ];
    const file = csvFile(rows);
    const res = await upload(file, '存量备案.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', format: 'csv', rowsRead: 3, accepted: 3, rejected: 0, subjectsCreated: 2, subjectsReused: 0, filingNumbersAssigned: 2 });
    expect(res.body.fileSha256).toBe(createHash('sha256').update(file).digest('hex'));
    await expectAddsUp(res.body);

    const imported = await accountsNamed('导入');
    const byName = new Map(imported.map((a) => [a.name, a]));
    expect(byName.get('良渚导入文化号')).toMatchObject({ status: 'filed', filingNo: `YH-ZMT-${year}-000417`, subjectName: '杭州良渚导入文化有限公司' });
    expect(byName.get('良渚导入美食')!.subjectId).toBe(byName.get('良渚导入文化号')!.subjectId);
    expect(byName.get('良渚导入美食')!.filingNo).toMatch(/^YH-ZMT-\d{4}-\d{6}$/);
    expect(byName.get('小李导入聊')!.filingNo).toMatch(/^YH-ZMT-\d{4}-\d{6}$/);
    // Imported rows get time-ordered (version 7) UUIDs: the id routes take them like any other.
    const detail = await t.http.get(`/api/accounts/${byName.get('小李导入聊')!.id}`).set(bearer(officer.token));
    expect(detail.status).toBe(200);
    expect(detail.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    // The public search goes through the name index the import wrote itself.
    const search = await t.http.get(`/api/public/accounts?q=${encodeURIComponent('渚导入美')}`);
    expect(search.status).toBe(200);
    expect(search.body.items.map((i: { name: string }) => i.name)).toEqual(['良渚导入美食']);
    const one = await t.http.get(`/api/public/accounts/YH-ZMT-${year}-000417`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: '良渚导入文化号', grade: 'B' });

    // The ID number is stored encrypted, the phone too; the audit trail has one entry with the counts.
    const [subject] = await db.query(`SELECT idNumberEnc, contactPhoneEnc FROM subject WHERE name = ?`, ['李导入']);
    expect(subject.idNumberEnc).toMatch(/^v1\./);
    expect(subject.contactPhoneEnc).toMatch(/^v1\./);
    const audit = await t.http.get(`/api/audit?entityType=registry_import&entityId=${res.body.id}`).set(bearer(auditor.token));
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].action).toBe('registry.import');
    expect(audit.body.items[0].after).toMatchObject({ fileName: '存量备案.csv', fileSha256: res.body.fileSha256, rowsRead: 3, accepted: 3, rejected: 0 });
    const verify = await t.http.get('/api/audit/verify').set(bearer(auditor.token));
    expect(verify.body.valid).toBe(true);
  });

  it('imports a good .xlsx workbook the same way', async () => {
    const rows = [orgRow({ 账号名称: '工作簿导入号一' }), personRow({ 账号名称: '工作簿导入号二', 备案日期: '2023/7/9' })];
    const res = await upload(await xlsxFile(rows), '存量备案.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', format: 'xlsx', rowsRead: 2, accepted: 2, rejected: 0, subjectsCreated: 2 });
    await expectAddsUp(res.body);
    expect((await accountsNamed('工作簿导入号')).map((a) => a.name).sort()).toEqual(['工作簿导入号一', '工作簿导入号二']);
    const [acc] = await db.query(`SELECT filedAt FROM media_account WHERE name = ?`, ['工作簿导入号二']);
    // 2023-07-09 in Beijing is 2023-07-08T16:00Z.
    const filedAt = acc.filedAt instanceof Date ? acc.filedAt : new Date(`${String(acc.filedAt).replace(' ', 'T')}Z`);
    expect(filedAt.toISOString()).toBe('2023-07-08T16:00:00.000Z');
  });

  it('imports the good rows of a mixed file and reports every bad one with its row, column, code and reason', async () => {
    const existing = await createSubject(t, (await t.user('operator')).token, organizationBody({ name: '杭州已登记主体有限公司' }));
    const existingCode = existing.creditCode as string;
    const takenId = orgRow();
    const first = await upload(csvFile([takenId]), 'first.csv');
    expect(first.status).toBe(201);
    const sharedCode = makeCreditCode();
    const year = new Date().getUTCFullYear() - 1;
    const good1 = orgRow({ 账号名称: '混合文件合格一' });
    const rows: ImportCells[] = [
      good1, // row 2
      orgRow({ 统一社会信用代码: withWrongCheck(makeCreditCode()) }), // 3 wrong check character
      personRow({ 身份证号码: withWrongCheck(makeIdNumber()) }), // 4 wrong check character
      orgRow({ 主体名称: '' }), // 5 required
      orgRow({ 联系电话: '12345' }), // 6 phone
      orgRow({ 平台: '脸书' }), // 7 platform
      orgRow({ 平台账号ID: good1['平台账号ID'] }), // 8 duplicate in the file
      orgRow({ 平台: takenId['平台'], 平台账号ID: takenId['平台账号ID'] }), // 9 already registered
      orgRow({ 备案编号: `YH-ZMT-${year}-000001`, 账号名称: '混合文件合格二' }), // 10 good, with a number
      orgRow({ 备案编号: `YH-ZMT-${year}-000001` }), // 11 filing number repeated in the file
      orgRow({ 备案编号: 'ZMT-2020-1' }), // 12 filing number format
      orgRow({ 统一社会信用代码: sharedCode, 主体名称: '杭州同码甲有限公司', 账号名称: '混合文件合格三' }), // 13 good
      orgRow({ 统一社会信用代码: sharedCode, 主体名称: '杭州同码乙有限公司' }), // 14 same code, other name
      orgRow({ 统一社会信用代码: existingCode, 主体名称: '杭州已登记主体有限公司', 账号名称: '混合文件合格四' }), // 15 good: existing subject reused
      orgRow({ 统一社会信用代码: existingCode, 主体名称: '杭州别的名字有限公司' }), // 16 existing code, other name
      orgRow({ 管理等级: 'E', 定级年度: String(year) }), // 17 grade
      orgRow({ 主体类型: '个人', 统一社会信用代码: makeCreditCode() }), // 18 individual without ID number, with a credit code
      orgRow({ 账号名称: '坏\u0007字符' }), // 19 control character
    ];
    const before = { accounts: await count('media_account'), subjects: await count('subject') };
    const res = await upload(csvFile(rows, { bom: false }), 'mixed.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', rowsRead: 18, accepted: 4, rejected: 14, subjectsCreated: 3, subjectsReused: 1 });
    await expectAddsUp(res.body);
    expect(await count('media_account')).toBe(before.accounts + 4);
    expect(await count('subject')).toBe(before.subjects + 3);

    const lines = await report(res.body.id);
    expect(lines.map(([row, column, code]) => [Number(row), column, code])).toEqual([
      [3, '统一社会信用代码', 'invalid_credit_code'],
      [4, '身份证号码', 'invalid_id_number'],
      [5, '主体名称', 'required'],
      [6, '联系电话', 'invalid_phone'],
      [7, '平台', 'invalid_platform'],
      [8, '平台账号ID', 'duplicate_account_in_file'],
      [9, '平台账号ID', 'duplicate_account'],
      [11, '备案编号', 'duplicate_filing_no_in_file'],
      [12, '备案编号', 'invalid_filing_no'],
      [14, '统一社会信用代码', 'subject_name_conflict_in_file'],
      [16, '统一社会信用代码', 'subject_name_conflict'],
      [17, '管理等级', 'invalid_grade'],
      [18, '身份证号码', 'required'],
      [18, '统一社会信用代码', 'not_applicable'],
      [19, '账号名称', 'invalid_characters'],
    ]);
    for (const [, , , reason] of lines) expect(reason).toMatch(/[\u4e00-\u9fff]/);
    expect(lines.find((l) => l[0] === '8')![3]).toContain('第2行');
    expect(lines.find((l) => l[0] === '14')![3]).toContain('第13行');

    const names = (await accountsNamed('混合文件合格')).map((a) => a.name).sort();
    expect(names).toEqual(['混合文件合格一', '混合文件合格三', '混合文件合格二', '混合文件合格四'].sort());
    // The existing subject was reused: the account belongs to it (and to its operator).
    const reused = (await accountsNamed('混合文件合格四'))[0];
    expect(reused.subjectId).toBe(existing.id);
    // The report as a workbook holds the same lines.
    const book = await workbook(`/api/registry/imports/${res.body.id}/rejections.xlsx`);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(lines.length + 1);
    expect((sheet.getRow(2).values as unknown[]).slice(1).map(String)).toEqual(lines[0]);
  });

  it('reports a fault whose reason quotes a very long cell, cut to the report column, under a very long file name', async () => {
    const name = `${'很长的文件名'.repeat(60)}😀.csv`;
    const res = await upload(csvFile([orgRow({ 平台: '某'.repeat(2000) }), orgRow({ 主体类型: '😀'.repeat(300) })]), name);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rowsRead: 2, accepted: 0, rejected: 2 });
    expect(Array.from(res.body.fileName as string).length).toBeLessThanOrEqual(255);
    const lines = await report(res.body.id);
    expect(lines.map((l) => `${l[0]}:${l[2]}`)).toEqual(['2:invalid_platform', '3:invalid_kind']);
    for (const l of lines) expect(Array.from(l[3]).length).toBeLessThanOrEqual(255);
  });

  it('rejects every row of a file imported twice (duplicates against the registry), and the batch adds up', async () => {
    const file = csvFile([orgRow(), personRow(), orgRow({ 备案编号: 'YH-ZMT-2021-000777' })]);
    const once = await upload(file, 'twice.csv');
    expect(once.body).toMatchObject({ status: 'completed', accepted: 3, rejected: 0 });
    const again = await upload(file, 'twice.csv');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'completed', rowsRead: 3, accepted: 0, rejected: 3, subjectsCreated: 0 });
    await expectAddsUp(again.body);
    const codes = (await report(again.body.id)).map((l) => `${l[0]}:${l[2]}`);
    expect(codes).toEqual(['2:duplicate_account', '3:duplicate_account', '4:duplicate_account', '4:duplicate_filing_no']);
  });

  it('refuses files it cannot import with a code, and creates no batch for them', async () => {
    const batches = await count('registry_import');
    const refused = async (file: Buffer, name: string, status: number, code: string) => {
      const res = await upload(file, name);
      expect(res.status).toBe(status);
      expect(res.body.details.map((d: { code: string }) => d.code)).toContain(code);
      expect(res.body.details[0].field).toBe('file');
      return res;
    };
    await refused(Buffer.from('whatever'), 'registry.xls', 415, 'unsupported_file_type');
    await refused(Buffer.from('whatever'), 'registry.txt', 415, 'unsupported_file_type');
    await refused(Buffer.from('not a zip'), 'registry.xlsx', 400, 'invalid_xlsx');
    await refused(Buffer.alloc(0), 'empty.csv', 400, 'empty_file');
    await refused(Buffer.from('\uFEFF\r\n\r\n'), 'blank.csv', 400, 'empty_file');
    await refused(csvFile([]), 'header-only.csv', 400, 'no_rows');
    const missing = await refused(csvFile([orgRow()], { header: ['主体类型', '主体名称', '统一社会信用代码', '平台', '账号名称'] }), 'short.csv', 400, 'missing_column');
    expect(missing.body.details.map((d: { message: string }) => d.message).join()).toContain('平台账号ID');
    expect(missing.body.details.map((d: { message: string }) => d.message).join()).toContain('联系电话');
    await refused(Buffer.from([0xd6, 0xf7, 0xcc, 0xe5, 0x2c, 0x0d, 0x0a, 0x41]), 'gbk.csv', 400, 'not_utf8');
    // Not multipart at all (a JSON body): 415.
    const json = await t.http.post('/api/registry/imports').set(bearer(officer.token)).send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const none = await t.http.post('/api/registry/imports').set(bearer(officer.token)).field('note', 'no file');
    expect(none.status).toBe(400);
    expect(await count('registry_import')).toBe(batches);
  });

  it('takes files larger than the JSON body limit, and refuses one above IMPORT_FILE_LIMIT with 413', async () => {
    const rows: ImportCells[] = [];
    while (rows.length < 2500) rows.push(orgRow({ 注册地址: '杭州市余杭区仓前街道文一西路969号'.repeat(2) }));
    const big = csvFile(rows);
    expect(big.length).toBeGreaterThan(t.config.bodyLimit);
    expect(big.length).toBeLessThan(FILE_LIMIT);
    const ok = await upload(big, 'big.csv');
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ rowsRead: 2500, accepted: 2500, rejected: 0 });
    const tooBig = Buffer.concat([big, big, big]);
    const res = await upload(tooBig, 'too-big.csv');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.details[0]).toMatchObject({ field: 'file', code: 'too_large' });
  });

  it('lets officers only import and read batches', async () => {
    const list = await t.http.get('/api/registry/imports').set(bearer(officer.token));
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const id = list.body.items[0].id as string;
    const one = await t.http.get(`/api/registry/imports/${id}`).set(bearer(officer.token));
    expect(one.status).toBe(200);
    expect(one.body.rowsRead).toBe(one.body.accepted + one.body.rejected);
    for (const role of ['operator', 'approver', 'evaluator', 'sysadmin', 'auditor']) {
      const u = await t.user(role);
      expect((await upload(csvFile([orgRow()]), 'x.csv', u.token)).status).toBe(403);
      expect((await t.http.get('/api/registry/imports').set(bearer(u.token))).status).toBe(403);
      expect((await t.http.get(`/api/registry/imports/${id}/rejections.csv`).set(bearer(u.token))).status).toBe(403);
    }
    expect((await t.http.post('/api/registry/imports').attach('file', csvFile([orgRow()]), 'x.csv')).status).toBe(401);
    expect((await t.http.get('/api/registry/imports/template.csv')).status).toBe(401);
    expect((await t.http.get('/api/registry/imports/00000000-0000-4000-8000-000000000000').set(bearer(officer.token))).status).toBe(404);
  });

  it('leaves nothing of a batch in the registry when the database fails half-way through writing it', async () => {
    const sqlite = db.options.type === 'better-sqlite3';
    if (sqlite) {
      await db.query(`CREATE TRIGGER import_boom BEFORE INSERT ON media_account WHEN NEW.platformAccountId = 'boom_row' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    } else {
      await db.query(`CREATE TRIGGER import_boom BEFORE INSERT ON media_account FOR EACH ROW BEGIN IF NEW.platformAccountId = 'boom_row' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END`);
    }
    try {
      const rows: ImportCells[] = [];
      while (rows.length < 2400) rows.push(orgRow({ 账号名称: `半途失败${rows.length}` }));
      rows.push(orgRow({ 平台账号ID: 'boom_row' }));
      const before = { accounts: await count('media_account'), subjects: await count('subject'), grams: await count('account_name_gram') };
      const counter = await db.query(`SELECT value FROM sequence_counter WHERE name = ?`, [`filing:${new Date().getUTCFullYear()}`]);
      const res = await upload(csvFile(rows), 'boom.csv');
      expect(res.status).toBe(500);
      expect(await count('media_account')).toBe(before.accounts);
      expect(await count('subject')).toBe(before.subjects);
      expect(await count('account_name_gram')).toBe(before.grams);
      expect(await db.query(`SELECT value FROM sequence_counter WHERE name = ?`, [`filing:${new Date().getUTCFullYear()}`])).toEqual(counter);
      const list = await t.http.get('/api/registry/imports').set(bearer(officer.token));
      const failed = list.body.items.find((b: { fileName: string }) => b.fileName === 'boom.csv');
      expect(failed).toMatchObject({ status: 'failed', accepted: 0, rowsRead: 2401 });
      expect(failed.failure).toContain('未导入任何数据');
      const audit = await t.http.get(`/api/audit?entityType=registry_import&entityId=${failed.id}`).set(bearer(auditor.token));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['registry.import.fail']);
    } finally {
      await db.query('DROP TRIGGER import_boom');
    }
  });

  it('keeps backslashes and a lone \\N as written (MariaDB loads the rows as escaped text)', async () => {
    const rows = [
      orgRow({ 主体名称: '杭州反斜杠\\导入有限公司', 账号名称: '\\N', 注册地址: 'C:\\余杭\\1号' }),
      personRow({ 主体名称: '\\N', 账号名称: '路径\\导入\\号' }),
    ];
    const res = await upload(csvFile(rows), 'backslash.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', accepted: 2, rejected: 0 });
    const stored = await db.query(`SELECT a.name AS account, s.name AS subject, s.registeredAddress AS address FROM media_account a JOIN subject s ON s.id = a.subjectId WHERE a.platformAccountId IN (?, ?) ORDER BY a.name`, [rows[0]['平台账号ID'], rows[1]['平台账号ID']]);
    expect(stored).toEqual([
      { account: '\\N', subject: '杭州反斜杠\\导入有限公司', address: 'C:\\余杭\\1号' },
      { account: '路径\\导入\\号', subject: '\\N', address: '' },
    ]);
  });

  it('answers 409 and leaves nothing of a big batch when a platform account is registered between the passes', async () => {
    const taken = orgRow();
    expect((await upload(csvFile([taken]), 'taken.csv')).status).toBe(201);
    const [existing] = await db.query(`SELECT id, platform, platformAccountId FROM media_account WHERE platformAccountId = ?`, [taken['平台账号ID']]);
    // A trigger stands in for another officer's filing committed after pass 1 checked the registry:
    // the row named race_row collides with the existing account when pass 2 writes it.
    if (db.options.type === 'better-sqlite3') {
      await db.query(`CREATE TRIGGER import_race BEFORE INSERT ON media_account WHEN NEW.platformAccountId = 'race_row' BEGIN UPDATE media_account SET platform = NEW.platform, platformAccountId = NEW.platformAccountId WHERE id = '${existing.id}'; END`);
    } else {
      await db.query(`CREATE TRIGGER import_race BEFORE INSERT ON media_account FOR EACH ROW BEGIN IF NEW.platformAccountId = 'race_row' THEN SET NEW.platform = '${existing.platform}', NEW.platformAccountId = '${existing.platformAccountId}'; END IF; END`);
    }
    try {
      const rows: ImportCells[] = [];
      while (rows.length < 2400) rows.push(orgRow({ 账号名称: `竞争导入${rows.length}` }));
      rows.push(orgRow({ 平台账号ID: 'race_row' }));
      const before = { accounts: await count('media_account'), subjects: await count('subject'), grams: await count('account_name_gram') };
      const res = await upload(csvFile(rows), 'race.csv');
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('未导入任何数据');
      expect({ accounts: await count('media_account'), subjects: await count('subject'), grams: await count('account_name_gram') }).toEqual(before);
      const list = await t.http.get('/api/registry/imports').set(bearer(officer.token));
      expect(list.body.items.find((b: { fileName: string }) => b.fileName === 'race.csv')).toMatchObject({ status: 'failed', accepted: 0, rowsRead: 2401, rejected: 0 });
    } finally {
      await db.query('DROP TRIGGER import_race');
    }
  });

  it('leaves nothing when the file turns unreadable after thousands of good rows (MariaDB is already loading their grams)', async () => {
    const rows: ImportCells[] = [];
    while (rows.length < 3000) rows.push(orgRow({ 账号名称: `读到一半${rows.length}` }));
    const file = Buffer.concat([csvFile(rows), Buffer.from('企业,"引号没有闭合,91330110MA00000000\r\n', 'utf8')]);
    const before = { accounts: await count('media_account'), subjects: await count('subject'), grams: await count('account_name_gram') };
    const res = await upload(file, 'broken.csv');
    expect(res.status).toBe(400);
    expect(res.body.details[0]).toMatchObject({ field: 'file', code: 'invalid_csv' });
    expect({ accounts: await count('media_account'), subjects: await count('subject'), grams: await count('account_name_gram') }).toEqual(before);
    const list = await t.http.get('/api/registry/imports').set(bearer(officer.token));
    expect(list.body.items.find((b: { fileName: string }) => b.fileName === 'broken.csv')).toMatchObject({ status: 'failed', accepted: 0 });
    // The next import goes through (the load was ended cleanly, the connection is usable).
    const next = await upload(csvFile([orgRow({ 账号名称: '读到一半之后' })]), 'after-broken.csv');
    expect(next.body).toMatchObject({ status: 'completed', accepted: 1 });
  });

  it('the officer imports through the page: CSRF-checked upload, the list with counts and the report link', async () => {
    const v = new Visitor(t);
    await v.signIn(officer.username);
    const desk = await v.get('/officer');
    expect(desk.text).toContain('href="/officer/imports"');
    const page = await v.get('/officer/imports');
    expect(page.status).toBe(200);
    expect(page.text).toContain('批量导入备案数据');
    expect(page.text).toContain('href="/api/registry/imports/template.xlsx"');
    const action = /<form[^>]*enctype="multipart\/form-data"[^>]*action="([^"]+)"|<form[^>]*action="([^"]+)"[^>]*enctype="multipart\/form-data"/.exec(page.text);
    expect(action).not.toBeNull();
    const target = (action![1] ?? action![2]).replace(/&amp;/g, '&');
    expect(target).toMatch(/^\/officer\/imports\?_csrf=[^&]+$/);
    expect(csrfOf(page.text)).toBeTruthy();

    const bad = await v.agent.post('/officer/imports').attach('file', csvFile([orgRow()]), 'page.csv');
    expect(bad.status).toBe(403);
    const res = await v.agent.post(target).attach('file', csvFile([orgRow({ 账号名称: '页面导入号' }), orgRow({ 联系电话: '1' })]), '页面导入.csv');
    expect(res.status).toBe(303);
    const after = await v.get(res.headers.location);
    expect(after.status).toBe(200);
    const text = mainText(after.text);
    expect(text).toContain('页面导入.csv');
    expect(text).toContain('导入完成');
    expect(after.text).toMatch(/href="\/api\/registry\/imports\/[0-9a-f-]{36}\/rejections\.csv"/);
    expect((await accountsNamed('页面导入号')).length).toBe(1);
    // A refused file redisplays the page with the reason.
    const refused = await v.agent.post(target).attach('file', Buffer.from('x'), 'wrong.doc');
    expect(refused.status).toBe(415);
    expect(mainText(refused.text)).toContain('仅支持');
  });
});
