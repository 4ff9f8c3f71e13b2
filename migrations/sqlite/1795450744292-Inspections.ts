import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Inspections1795450744292 implements MigrationInterface {
  name = 'Inspections1795450744292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inspection_draw" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "drawNo" varchar(24) NOT NULL, "algorithm" varchar(32) NOT NULL, "seed" varchar(128) NOT NULL, "seedGenerated" boolean NOT NULL DEFAULT (0), "shareBasisPoints" integer NOT NULL, "weights" varchar(255) NOT NULL, "populationSize" integer NOT NULL, "sampleSize" integer NOT NULL, "populationHash" varchar(64) NOT NULL, "officerIds" text NOT NULL, "officerPoolSize" integer NOT NULL, "officerPoolHash" varchar(64) NOT NULL, "drawnBy" varchar(36) NOT NULL, "drawnByName" varchar(64) NOT NULL, "policyKey" varchar(48) NOT NULL, "citation" varchar(128) NOT NULL, "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9c5aed60e2f5a13ee0c6ffb3fe" ON "inspection_draw" ("drawNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_8b207024efd2e75d01917bdbb9" ON "inspection_draw" ("createdAt") `);
    await queryRunner.query(`CREATE TABLE "inspection_draw_candidate" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "drawId" varchar(36) NOT NULL, "position" integer NOT NULL, "accountId" varchar(36) NOT NULL, "filingNo" varchar(24) NOT NULL, "grade" varchar(1))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6a398b019c78784f112ca9b871" ON "inspection_draw_candidate" ("drawId", "position") `);
    await queryRunner.query(`CREATE TABLE "inspection" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "drawId" varchar(36) NOT NULL, "drawNo" varchar(24) NOT NULL, "drawOrder" integer NOT NULL, "accountId" varchar(36) NOT NULL, "filingNo" varchar(24) NOT NULL, "accountName" varchar(128) NOT NULL, "grade" varchar(1), "officer1Id" varchar(36) NOT NULL, "officer2Id" varchar(36) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('planned'), "findings" text, "violationId" varchar(36), "doneBy" varchar(36), "doneAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "IDX_4518439d8270d631b0f8398d80" ON "inspection" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "IDX_0b8ee015885108c27a28b97adb" ON "inspection" ("officer2Id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_4c145671a2738f1290e7ff3890" ON "inspection" ("officer1Id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9893d20715eec0ab3d13934dfd" ON "inspection" ("drawId", "drawOrder") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_9893d20715eec0ab3d13934dfd"`);
    await queryRunner.query(`DROP INDEX "IDX_4c145671a2738f1290e7ff3890"`);
    await queryRunner.query(`DROP INDEX "IDX_0b8ee015885108c27a28b97adb"`);
    await queryRunner.query(`DROP INDEX "IDX_4518439d8270d631b0f8398d80"`);
    await queryRunner.query(`DROP TABLE "inspection"`);
    await queryRunner.query(`DROP INDEX "IDX_6a398b019c78784f112ca9b871"`);
    await queryRunner.query(`DROP TABLE "inspection_draw_candidate"`);
    await queryRunner.query(`DROP INDEX "IDX_8b207024efd2e75d01917bdbb9"`);
    await queryRunner.query(`DROP INDEX "IDX_9c5aed60e2f5a13ee0c6ffb3fe"`);
    await queryRunner.query(`DROP TABLE "inspection_draw"`);
  }
}
