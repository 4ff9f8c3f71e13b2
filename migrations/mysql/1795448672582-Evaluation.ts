import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Evaluation1795448672582 implements MigrationInterface {
  name = 'Evaluation1795448672582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`evaluation_cycle\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`year\` int NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'draft', \`weightD1\` int NOT NULL, \`weightD2\` int NOT NULL, \`weightD3\` int NOT NULL, \`weightD4\` int NOT NULL, \`weightD5\` int NOT NULL, \`accountCount\` int NOT NULL DEFAULT '0', \`assignmentCount\` int NOT NULL DEFAULT '0', \`evaluatorsPerAccount\` int NULL, \`resultCount\` int NOT NULL DEFAULT '0', \`gradeA\` int NOT NULL DEFAULT '0', \`gradeB\` int NOT NULL DEFAULT '0', \`gradeC\` int NOT NULL DEFAULT '0', \`gradeD\` int NOT NULL DEFAULT '0', \`flagCount\` int NOT NULL DEFAULT '0', \`createdBy\` varchar(36) NOT NULL, \`openedAt\` datetime NULL, \`assignedAt\` datetime NULL, \`closedAt\` datetime NULL, \`closedBy\` varchar(36) NULL, \`publishedAt\` datetime NULL, \`publishedBy\` varchar(36) NULL, \`policyVersion\` varchar(32) NOT NULL, UNIQUE INDEX \`IDX_bbfc87e51e617407c4858af383\` (\`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`evaluation_assignment\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`cycleId\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`evaluatorId\` varchar(36) NOT NULL, \`evaluatorOrganization\` varchar(128) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`scoredAt\` datetime NULL, INDEX \`IDX_ed38f56a9b72729cb874098d40\` (\`cycleId\`, \`status\`), INDEX \`IDX_e6f81c72096c4bc1d471e2d0cb\` (\`evaluatorId\`, \`cycleId\`), UNIQUE INDEX \`IDX_28f74769601a0cf6cfe5c69da5\` (\`cycleId\`, \`accountId\`, \`evaluatorId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`evaluation_score\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`assignmentId\` varchar(36) NOT NULL, \`d1\` int NOT NULL, \`d2\` int NOT NULL, \`d3\` int NOT NULL, \`d4\` int NOT NULL, \`d5\` int NOT NULL, \`comment\` text NULL, \`submittedAt\` datetime NOT NULL, \`revision\` int NOT NULL DEFAULT '1', UNIQUE INDEX \`IDX_54800b312bcf62292a3a80bc18\` (\`assignmentId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`evaluation_result\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`cycleId\` varchar(36) NOT NULL, \`accountId\` varchar(36) NOT NULL, \`filingNo\` varchar(24) NULL, \`accountName\` varchar(128) NOT NULL, \`platform\` varchar(16) NOT NULL, \`scoreCount\` int NOT NULL, \`d1\` decimal(5,2) NOT NULL, \`d2\` decimal(5,2) NOT NULL, \`d3\` decimal(5,2) NOT NULL, \`d4\` decimal(5,2) NOT NULL, \`d5\` decimal(5,2) NOT NULL, \`weighted\` decimal(5,2) NOT NULL, \`violations\` int NOT NULL, \`interviews\` int NOT NULL, \`deduction\` decimal(5,2) NOT NULL, \`blacklisted\` tinyint NOT NULL DEFAULT 0, \`total\` decimal(5,2) NOT NULL, \`grade\` varchar(1) NOT NULL, \`detail\` text NOT NULL, INDEX \`IDX_e91e7d656d65891f3e50f2bd1c\` (\`accountId\`), INDEX \`IDX_06a19ff5f1bb017610b6494c8a\` (\`cycleId\`, \`grade\`), INDEX \`IDX_ec8293d82413a3610b332204f5\` (\`cycleId\`, \`filingNo\`), UNIQUE INDEX \`IDX_7bd704a7a8aee736775cdacf3c\` (\`cycleId\`, \`accountId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`evaluator_flag\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`cycleId\` varchar(36) NOT NULL, \`evaluatorId\` varchar(36) NOT NULL, \`dimension\` varchar(2) NOT NULL, \`deviation\` decimal(6,2) NOT NULL, \`zScore\` decimal(6,2) NOT NULL, \`accounts\` int NOT NULL, INDEX \`IDX_15a224cacac3d3ff29905a1b67\` (\`cycleId\`, \`evaluatorId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_15a224cacac3d3ff29905a1b67\` ON \`evaluator_flag\``);
    await queryRunner.query(`DROP TABLE \`evaluator_flag\``);
    await queryRunner.query(`DROP INDEX \`IDX_7bd704a7a8aee736775cdacf3c\` ON \`evaluation_result\``);
    await queryRunner.query(`DROP INDEX \`IDX_ec8293d82413a3610b332204f5\` ON \`evaluation_result\``);
    await queryRunner.query(`DROP INDEX \`IDX_06a19ff5f1bb017610b6494c8a\` ON \`evaluation_result\``);
    await queryRunner.query(`DROP INDEX \`IDX_e91e7d656d65891f3e50f2bd1c\` ON \`evaluation_result\``);
    await queryRunner.query(`DROP TABLE \`evaluation_result\``);
    await queryRunner.query(`DROP INDEX \`IDX_54800b312bcf62292a3a80bc18\` ON \`evaluation_score\``);
    await queryRunner.query(`DROP TABLE \`evaluation_score\``);
    await queryRunner.query(`DROP INDEX \`IDX_28f74769601a0cf6cfe5c69da5\` ON \`evaluation_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_e6f81c72096c4bc1d471e2d0cb\` ON \`evaluation_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_ed38f56a9b72729cb874098d40\` ON \`evaluation_assignment\``);
    await queryRunner.query(`DROP TABLE \`evaluation_assignment\``);
    await queryRunner.query(`DROP INDEX \`IDX_bbfc87e51e617407c4858af383\` ON \`evaluation_cycle\``);
    await queryRunner.query(`DROP TABLE \`evaluation_cycle\``);
  }
}
