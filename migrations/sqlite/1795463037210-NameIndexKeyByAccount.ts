import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate` (the index drop), then completed by
// hand: TypeORM does not see a change in the order of a composite primary key, so the key
// (gram, accountId) becomes (accountId, gram) here, and the accountId index it replaces goes.
export class NameIndexKeyByAccount1795463037210 implements MigrationInterface {
  name = 'NameIndexKeyByAccount1795463037210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_31b145057dbf15cc0095c331e8"`);
    await queryRunner.query(`DROP INDEX "IDX_58ff17aea7ba5e0009eb873ef5"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_account_name_gram" ("accountId" varchar(36) NOT NULL, "gram" bigint NOT NULL, "listed" boolean NOT NULL DEFAULT (0), "filedAt" datetime, "filingNo" varchar(24), PRIMARY KEY ("accountId", "gram"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_account_name_gram"("accountId", "gram", "listed", "filedAt", "filingNo") SELECT "accountId", "gram", "listed", "filedAt", "filingNo" FROM "account_name_gram" ORDER BY "accountId", "gram"`,
    );
    await queryRunner.query(`DROP TABLE "account_name_gram"`);
    await queryRunner.query(`ALTER TABLE "temporary_account_name_gram" RENAME TO "account_name_gram"`);
    await queryRunner.query(`CREATE INDEX "IDX_58ff17aea7ba5e0009eb873ef5" ON "account_name_gram" ("gram", "listed", "filedAt", "filingNo") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_58ff17aea7ba5e0009eb873ef5"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_account_name_gram" ("gram" bigint NOT NULL, "accountId" varchar(36) NOT NULL, "listed" boolean NOT NULL DEFAULT (0), "filedAt" datetime, "filingNo" varchar(24), PRIMARY KEY ("gram", "accountId"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_account_name_gram"("gram", "accountId", "listed", "filedAt", "filingNo") SELECT "gram", "accountId", "listed", "filedAt", "filingNo" FROM "account_name_gram"`,
    );
    await queryRunner.query(`DROP TABLE "account_name_gram"`);
    await queryRunner.query(`ALTER TABLE "temporary_account_name_gram" RENAME TO "account_name_gram"`);
    await queryRunner.query(`CREATE INDEX "IDX_58ff17aea7ba5e0009eb873ef5" ON "account_name_gram" ("gram", "listed", "filedAt", "filingNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_31b145057dbf15cc0095c331e8" ON "account_name_gram" ("accountId") `);
  }
}
