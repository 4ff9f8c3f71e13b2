import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class ReportQueueIndex1795461059419 implements MigrationInterface {
  name = 'ReportQueueIndex1795461059419';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_6bdcd08e8ec2fe9eb3d76ee51d\` ON \`public_report\``);
    await queryRunner.query(`CREATE INDEX \`IDX_3c12b93a1504d96c11a085bc0b\` ON \`public_report\` (\`status\`, \`dueDate\`, \`createdAt\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_3c12b93a1504d96c11a085bc0b\` ON \`public_report\``);
    await queryRunner.query(`CREATE INDEX \`IDX_6bdcd08e8ec2fe9eb3d76ee51d\` ON \`public_report\` (\`status\`, \`dueDate\`)`);
  }
}
