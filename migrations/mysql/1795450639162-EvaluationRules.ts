import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class EvaluationRules1795450639162 implements MigrationInterface {
  name = 'EvaluationRules1795450639162';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`evaluation_cycle\` ADD \`rules\` text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`evaluation_cycle\` DROP COLUMN \`rules\``);
  }
}
