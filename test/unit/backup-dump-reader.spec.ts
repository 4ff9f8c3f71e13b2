import { describe, expect, it } from '@jest/globals';
import { compareFacts, DumpReader, scanTuples } from '../../scripts/backup-support.js';

const MYSQL_STYLE = [
  'CREATE TABLE `audit_head` (',
  '  `id` int NOT NULL,',
  ') ENGINE=InnoDB;',
  "INSERT INTO `audit_head` (`id`, `seq`, `hash`) VALUES (1,42,'ab12');",
  'CREATE TABLE `empty_one` (`id` int);',
  "INSERT INTO `public_report` (`id`, `description`) VALUES ('a','带括号 (1),(2) 和逗号, 还有 \\'引号\\' 与 \\\\'),('b',NULL),('c','多行\\n文本;');",
  "INSERT INTO `public_report` (`id`, `description`) VALUES ('d','x');",
].join('\n');

// MariaDB's mariadb-dump: one row a line.
const MARIADB_STYLE = [
  'CREATE TABLE `migrations` (`id` int);',
  "INSERT INTO `migrations` (`id`, `timestamp`, `name`) VALUES (2,1795452046135,'AccountNameSearch1795452046135'),",
  "(1,1795451582655,'Initial1795451582655');",
  "INSERT INTO `subject` (`id`, `name`) VALUES ('s1','杭州(余杭)传媒'),",
  "('s2','it''s'),",
  "('s3','末尾;');",
  '-- Dump completed on 2026-11-23 18:00:00',
].join('\n');

/** Feeds the text in small pieces, cutting through lines and multi-byte characters. */
function read(text: string, capture: string[]): DumpReader {
  const reader = new DumpReader(capture);
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.subarray(i, i + 7));
  reader.end();
  return reader;
}

describe('DumpReader (manifest from mysqldump output)', () => {
  it('counts rows per table in MySQL-style dumps, strings with parentheses, commas, quotes and semicolons included', () => {
    const r = read(MYSQL_STYLE, ['audit_head', 'public_report']);
    expect(r.tables).toEqual({ audit_head: 1, empty_one: 0, public_report: 4 });
    expect(r.captured.audit_head).toEqual([{ id: '1', seq: '42', hash: 'ab12' }]);
    expect(r.captured.public_report[0].description).toBe("带括号 (1),(2) 和逗号, 还有 '引号' 与 \\");
    expect(r.captured.public_report[1].description).toBeNull();
    expect(r.captured.public_report[2].description).toBe('多行\n文本;');
  });

  it('counts rows of MariaDB-style dumps (one row a line) and keeps the captured tables', () => {
    const r = read(MARIADB_STYLE, ['migrations']);
    expect(r.tables).toEqual({ migrations: 2, subject: 3 });
    expect(r.captured.migrations.map((m) => m.name)).toEqual(['AccountNameSearch1795452046135', 'Initial1795451582655']);
    expect(r.captured.subject).toBeUndefined();
  });

  it('scans tuples without values when they are not needed', () => {
    expect(scanTuples("(1,'a)'),(2,'b''c')", 0, false)).toEqual({ count: 2, values: [] });
    expect(scanTuples("(1,'a)'),(2,'b''c')", 0, true).values).toEqual([['1', 'a)'], ['2', "b'c"]]);
  });
});

describe('compareFacts', () => {
  it('finds missing tables, different counts and a different audit head', () => {
    const manifest = { tables: { a: 1, b: 2 }, auditHead: { seq: 3, hash: 'h' }, migrations: ['M1'] };
    expect(compareFacts(manifest, { tables: { a: 1, b: 2 }, auditHead: { seq: 3, hash: 'h' }, migrations: ['M1'] })).toMatchObject({ tablesEqual: 2, differences: [], auditHeadEqual: true, migrationsEqual: true });
    const off = compareFacts(manifest, { tables: { a: 1, c: 0 }, auditHead: { seq: 3, hash: 'x' }, migrations: [] });
    expect(off.differences).toEqual([
      { table: 'b', expected: 2, actual: null },
      { table: 'c', expected: null, actual: 0 },
    ]);
    expect(off).toMatchObject({ tablesCompared: 3, tablesEqual: 1, auditHeadEqual: false, migrationsEqual: false });
  });
});
