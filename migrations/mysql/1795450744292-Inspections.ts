import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Inspections1795450744292 implements MigrationInterface {
  name = 'Inspections1795450744292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE \`inspection_draw\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`drawNo\` varchar(24) NOT NULL, \`algorithm\` varchar(32) NOT NULL, \`seed\` varchar(128) NOT NULL, \`seedGenerated\` tinyint NOT NULL DEFAULT 0, \`shareBasisPoints\` int NOT NULL, \`weights\` varchar(255) NOT NULL, \`populationSize\` int NOT NULL, \`sampleSize\` int NOT NULL, \`populationHash\` varchar(64) NOT NULL, \`officerIds\` text NOT NULL, \`officerPoolSize\` int NOT NULL, \`officerPoolHash\` varchar(64) NOT NULL, \`drawnBy\` varchar(36) NOT NULL, \`drawnByName\` varchar(64) NOT NULL, \`policyKey\` varchar(48) NOT NULL, \`citation\` varchar(128) NOT NULL, \`policyVersion\` varchar(32) NOT NULL, UNIQUE INDEX \`IDX_9c5aed60e2f5a13ee0c6ffb3fe\` (\`drawNo\`), INDEX \`IDX_8b207024efd2e75d01917bdbb9\` (\`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`inspection_draw_candidate\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`drawId\` varchar(36) NOT NULL, \`position\` int NOT NULL, \`accountId\` varchar(36) NOT NULL, \`filingNo\` varchar(24) NOT NULL, \`grade\` varchar(1) NULL, UNIQUE INDEX \`IDX_6a398b019c78784f112ca9b871\` (\`drawId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await queryRunner.query(`CREATE TABLE \`inspection\` (\`id\` uuid NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), \`rowVersion\` int NOT NULL DEFAULT '1', \`drawId\` varchar(36) NOT NULL, \`drawNo\` varchar(24) NOT NULL, \`drawOrder\` int NOT NULL, \`accountId\` varchar(36) NOT NULL, \`filingNo\` varchar(24) NOT NULL, \`accountName\` varchar(128) NOT NULL, \`grade\` varchar(1) NULL, \`officer1Id\` varchar(36) NOT NULL, \`officer2Id\` varchar(36) NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'planned', \`findings\` text NULL, \`violationId\` varchar(36) NULL, \`doneBy\` varchar(36) NULL, \`doneAt\` datetime NULL, INDEX \`IDX_4518439d8270d631b0f8398d80\` (\`accountId\`), INDEX \`IDX_0b8ee015885108c27a28b97adb\` (\`officer2Id\`, \`status\`), INDEX \`IDX_4c145671a2738f1290e7ff3890\` (\`officer1Id\`, \`status\`), UNIQUE INDEX \`IDX_9893d20715eec0ab3d13934dfd\` (\`drawId\`, \`drawOrder\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_9893d20715eec0ab3d13934dfd\` ON \`inspection\``);
    await queryRunner.query(`DROP INDEX \`IDX_4c145671a2738f1290e7ff3890\` ON \`inspection\``);
    await queryRunner.query(`DROP INDEX \`IDX_0b8ee015885108c27a28b97adb\` ON \`inspection\``);
    await queryRunner.query(`DROP INDEX \`IDX_4518439d8270d631b0f8398d80\` ON \`inspection\``);
    await queryRunner.query(`DROP TABLE \`inspection\``);
    await queryRunner.query(`DROP INDEX \`IDX_6a398b019c78784f112ca9b871\` ON \`inspection_draw_candidate\``);
    await queryRunner.query(`DROP TABLE \`inspection_draw_candidate\``);
    await queryRunner.query(`DROP INDEX \`IDX_8b207024efd2e75d01917bdbb9\` ON \`inspection_draw\``);
    await queryRunner.query(`DROP INDEX \`IDX_9c5aed60e2f5a13ee0c6ffb3fe\` ON \`inspection_draw\``);
    await queryRunner.query(`DROP TABLE \`inspection_draw\``);
  }
}
