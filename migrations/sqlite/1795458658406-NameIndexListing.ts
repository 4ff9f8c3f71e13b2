import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class NameIndexListing1795458658406 implements MigrationInterface {
  name = 'NameIndexListing1795458658406';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_31b145057dbf15cc0095c331e8"`);
    await queryRunner.query(`CREATE TABLE "temporary_account_name_gram" ("gram" bigint NOT NULL, "accountId" varchar(36) NOT NULL, "listed" boolean NOT NULL DEFAULT (0), "filedAt" datetime, "filingNo" varchar(24), PRIMARY KEY ("gram", "accountId"))`);
    await queryRunner.query(`INSERT INTO "temporary_account_name_gram"("gram", "accountId") SELECT "gram", "accountId" FROM "account_name_gram"`);
    await queryRunner.query(`DROP TABLE "account_name_gram"`);
    await queryRunner.query(`ALTER TABLE "temporary_account_name_gram" RENAME TO "account_name_gram"`);
    await queryRunner.query(`CREATE INDEX "IDX_31b145057dbf15cc0095c331e8" ON "account_name_gram" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "IDX_58ff17aea7ba5e0009eb873ef5" ON "account_name_gram" ("gram", "listed", "filedAt", "filingNo") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_58ff17aea7ba5e0009eb873ef5"`);
    await queryRunner.query(`DROP INDEX "IDX_31b145057dbf15cc0095c331e8"`);
    await queryRunner.query(`ALTER TABLE "account_name_gram" RENAME TO "temporary_account_name_gram"`);
    await queryRunner.query(`CREATE TABLE "account_name_gram" ("gram" bigint NOT NULL, "accountId" varchar(36) NOT NULL, PRIMARY KEY ("gram", "accountId"))`);
    await queryRunner.query(`INSERT INTO "account_name_gram"("gram", "accountId") SELECT "gram", "accountId" FROM "temporary_account_name_gram"`);
    await queryRunner.query(`DROP TABLE "temporary_account_name_gram"`);
    await queryRunner.query(`CREATE INDEX "IDX_31b145057dbf15cc0095c331e8" ON "account_name_gram" ("accountId") `);
  }
}
