import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Foundation1795446865381 implements MigrationInterface {
  name = 'Foundation1795446865381';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`seq\` int NOT NULL, \`at\` datetime NOT NULL, \`actorId\` varchar(36) NULL, \`actorName\` varchar(64) NOT NULL, \`role\` varchar(16) NOT NULL, \`action\` varchar(64) NOT NULL, \`entityType\` varchar(48) NOT NULL, \`entityId\` varchar(64) NULL, \`before\` text NULL, \`after\` text NULL, \`sourceIp\` varchar(64) NULL, \`prevHash\` varchar(64) NOT NULL, \`hash\` varchar(64) NOT NULL, INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` (\`at\`), INDEX \`IDX_16e974357664a336146e08efb4\` (\`actorId\`), INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` (\`entityType\`, \`entityId\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`audit_head\` (\`id\` int NOT NULL, \`seq\` int NOT NULL, \`hash\` varchar(64) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`app_user\` (\`id\` varchar(36) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`username\` varchar(64) NOT NULL, \`passwordHash\` varchar(255) NOT NULL, \`role\` varchar(16) NOT NULL, \`displayName\` varchar(64) NOT NULL, \`phoneEnc\` varchar(255) NULL, \`organization\` varchar(128) NULL, \`status\` varchar(16) NOT NULL DEFAULT 'active', \`tokenVersion\` int NOT NULL DEFAULT '0', \`passwordChangedAt\` datetime NULL, \`lastLoginAt\` datetime NULL, UNIQUE INDEX \`IDX_c480e576dd71729addbc2d51b6\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`login_attempt\` (\`username\` varchar(64) NOT NULL, \`failures\` int NOT NULL DEFAULT '0', \`lockedUntil\` datetime NULL, \`lastAttemptAt\` datetime NOT NULL, PRIMARY KEY (\`username\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`sequence_counter\` (\`name\` varchar(64) NOT NULL, \`value\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`sequence_counter\``);
    await queryRunner.query(`DROP TABLE \`login_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_c480e576dd71729addbc2d51b6\` ON \`app_user\``);
    await queryRunner.query(`DROP TABLE \`app_user\``);
    await queryRunner.query(`DROP TABLE \`audit_head\``);
    await queryRunner.query(`DROP INDEX \`IDX_4ab466a7d06ff8d7c903d90248\` ON \`audit_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_16e974357664a336146e08efb4\` ON \`audit_entry\``);
    await queryRunner.query(`DROP INDEX \`IDX_9d18bd4a32fc0cd8ff82b12037\` ON \`audit_entry\``);
    await queryRunner.query(`DROP TABLE \`audit_entry\``);
  }
}
