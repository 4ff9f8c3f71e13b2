import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand (data, not schema): copies each account's listing onto its name-index rows, which
// NameIndexListing added empty. Later the AccountNameGramSubscriber keeps them in step.
export class BackfillNameIndexListing1795458658407 implements MigrationInterface {
  name = 'BackfillNameIndexListing1795458658407';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "account_name_gram" AS g
          SET "listed" = (a."status" IN ('filed', 'restricted', 'suspended', 'closed') AND a."filingNo" IS NOT NULL),
              "filedAt" = a."filedAt", "filingNo" = a."filingNo"
         FROM "media_account" AS a WHERE a."id" = g."accountId"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "account_name_gram" SET "listed" = 0, "filedAt" = NULL, "filingNo" = NULL`);
  }
}
