import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate` (the index drop), then completed by
// hand: TypeORM does not see a change in the order of a composite primary key, so the key
// (gram, accountId) becomes (accountId, gram) here, and the accountId index it replaces goes.
export class NameIndexKeyByAccount1795463037210 implements MigrationInterface {
  name = 'NameIndexKeyByAccount1795463037210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` DROP PRIMARY KEY, ADD PRIMARY KEY (\`accountId\`, \`gram\`), DROP INDEX \`IDX_31b145057dbf15cc0095c331e8\``);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`account_name_gram\` DROP PRIMARY KEY, ADD PRIMARY KEY (\`gram\`, \`accountId\`), ADD INDEX \`IDX_31b145057dbf15cc0095c331e8\` (\`accountId\`)`);
  }
}
