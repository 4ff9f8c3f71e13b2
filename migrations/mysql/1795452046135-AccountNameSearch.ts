import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class AccountNameSearch1795452046135 implements MigrationInterface {
  name = 'AccountNameSearch1795452046135';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`account_name_gram\` (\`gram\` bigint NOT NULL, \`accountId\` varchar(36) NOT NULL, INDEX \`IDX_31b145057dbf15cc0095c331e8\` (\`accountId\`), PRIMARY KEY (\`gram\`, \`accountId\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_31b145057dbf15cc0095c331e8\` ON \`account_name_gram\``);
    await queryRunner.query(`DROP TABLE \`account_name_gram\``);
  }
}
