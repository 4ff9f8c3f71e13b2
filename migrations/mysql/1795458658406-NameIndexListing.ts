import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class NameIndexListing1795458658406 implements MigrationInterface {
  name = 'NameIndexListing1795458658406';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` ADD \`listed\` tinyint NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` ADD \`filedAt\` datetime NULL`);
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` ADD \`filingNo\` varchar(24) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_58ff17aea7ba5e0009eb873ef5\` ON \`account_name_gram\` (\`gram\`, \`listed\`, \`filedAt\`, \`filingNo\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_58ff17aea7ba5e0009eb873ef5\` ON \`account_name_gram\``);
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` DROP COLUMN \`filingNo\``);
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` DROP COLUMN \`filedAt\``);
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` DROP COLUMN \`listed\``);
  }
}
