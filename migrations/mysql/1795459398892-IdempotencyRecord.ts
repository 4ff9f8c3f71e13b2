import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class IdempotencyRecord1795459398892 implements MigrationInterface {
  name = 'IdempotencyRecord1795459398892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`idempotency_record\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`scope\` varchar(64) NOT NULL, \`clientKey\` varchar(128) NOT NULL, \`fingerprint\` varchar(64) NOT NULL, \`state\` varchar(16) NOT NULL, \`statusCode\` int NULL, \`responseBody\` text NULL, \`expiresAt\` datetime NOT NULL, INDEX \`IDX_13faccf02d12be9393cad513a8\` (\`expiresAt\`), UNIQUE INDEX \`IDX_d9d14bb187a6978b5ed8e99601\` (\`scope\`, \`clientKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_d9d14bb187a6978b5ed8e99601\` ON \`idempotency_record\``);
    await queryRunner.query(`DROP INDEX \`IDX_13faccf02d12be9393cad513a8\` ON \`idempotency_record\``);
    await queryRunner.query(`DROP TABLE \`idempotency_record\``);
  }
}
