import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand (data, not schema): copies each account's listing onto its name-index rows, which
// NameIndexListing added empty. Later the AccountNameGramSubscriber keeps them in step.
export class BackfillNameIndexListing1795458658407 implements MigrationInterface {
  name = 'BackfillNameIndexListing1795458658407';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`account_name_gram\` g JOIN \`media_account\` a ON a.\`id\` = g.\`accountId\`
          SET g.\`listed\` = (a.\`status\` IN ('filed', 'restricted', 'suspended', 'closed') AND a.\`filingNo\` IS NOT NULL),
              g.\`filedAt\` = a.\`filedAt\`, g.\`filingNo\` = a.\`filingNo\``,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE \`account_name_gram\` SET \`listed\` = 0, \`filedAt\` = NULL, \`filingNo\` = NULL`);
  }
}
