import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Evaluation1795448672582 implements MigrationInterface {
  name = 'Evaluation1795448672582';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evaluation_cycle" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "year" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('draft'), "weightD1" integer NOT NULL, "weightD2" integer NOT NULL, "weightD3" integer NOT NULL, "weightD4" integer NOT NULL, "weightD5" integer NOT NULL, "accountCount" integer NOT NULL DEFAULT (0), "assignmentCount" integer NOT NULL DEFAULT (0), "evaluatorsPerAccount" integer, "resultCount" integer NOT NULL DEFAULT (0), "gradeA" integer NOT NULL DEFAULT (0), "gradeB" integer NOT NULL DEFAULT (0), "gradeC" integer NOT NULL DEFAULT (0), "gradeD" integer NOT NULL DEFAULT (0), "flagCount" integer NOT NULL DEFAULT (0), "createdBy" varchar(36) NOT NULL, "openedAt" datetime, "assignedAt" datetime, "closedAt" datetime, "closedBy" varchar(36), "publishedAt" datetime, "publishedBy" varchar(36), "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bbfc87e51e617407c4858af383" ON "evaluation_cycle" ("year") `);
    await queryRunner.query(`CREATE TABLE "evaluation_assignment" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "cycleId" varchar(36) NOT NULL, "accountId" varchar(36) NOT NULL, "evaluatorId" varchar(36) NOT NULL, "evaluatorOrganization" varchar(128) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('pending'), "scoredAt" datetime)`);
    await queryRunner.query(`CREATE INDEX "IDX_ed38f56a9b72729cb874098d40" ON "evaluation_assignment" ("cycleId", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_e6f81c72096c4bc1d471e2d0cb" ON "evaluation_assignment" ("evaluatorId", "cycleId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_28f74769601a0cf6cfe5c69da5" ON "evaluation_assignment" ("cycleId", "accountId", "evaluatorId") `);
    await queryRunner.query(`CREATE TABLE "evaluation_score" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "assignmentId" varchar(36) NOT NULL, "d1" integer NOT NULL, "d2" integer NOT NULL, "d3" integer NOT NULL, "d4" integer NOT NULL, "d5" integer NOT NULL, "comment" text, "submittedAt" datetime NOT NULL, "revision" integer NOT NULL DEFAULT (1))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_54800b312bcf62292a3a80bc18" ON "evaluation_score" ("assignmentId") `);
    await queryRunner.query(`CREATE TABLE "evaluation_result" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "cycleId" varchar(36) NOT NULL, "accountId" varchar(36) NOT NULL, "filingNo" varchar(24), "accountName" varchar(128) NOT NULL, "platform" varchar(16) NOT NULL, "scoreCount" integer NOT NULL, "d1" decimal(5,2) NOT NULL, "d2" decimal(5,2) NOT NULL, "d3" decimal(5,2) NOT NULL, "d4" decimal(5,2) NOT NULL, "d5" decimal(5,2) NOT NULL, "weighted" decimal(5,2) NOT NULL, "violations" integer NOT NULL, "interviews" integer NOT NULL, "deduction" decimal(5,2) NOT NULL, "blacklisted" boolean NOT NULL DEFAULT (0), "total" decimal(5,2) NOT NULL, "grade" varchar(1) NOT NULL, "detail" text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_e91e7d656d65891f3e50f2bd1c" ON "evaluation_result" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "IDX_06a19ff5f1bb017610b6494c8a" ON "evaluation_result" ("cycleId", "grade") `);
    await queryRunner.query(`CREATE INDEX "IDX_ec8293d82413a3610b332204f5" ON "evaluation_result" ("cycleId", "filingNo") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7bd704a7a8aee736775cdacf3c" ON "evaluation_result" ("cycleId", "accountId") `);
    await queryRunner.query(`CREATE TABLE "evaluator_flag" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "cycleId" varchar(36) NOT NULL, "evaluatorId" varchar(36) NOT NULL, "dimension" varchar(2) NOT NULL, "deviation" decimal(6,2) NOT NULL, "zScore" decimal(6,2) NOT NULL, "accounts" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_15a224cacac3d3ff29905a1b67" ON "evaluator_flag" ("cycleId", "evaluatorId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_15a224cacac3d3ff29905a1b67"`);
    await queryRunner.query(`DROP TABLE "evaluator_flag"`);
    await queryRunner.query(`DROP INDEX "IDX_7bd704a7a8aee736775cdacf3c"`);
    await queryRunner.query(`DROP INDEX "IDX_ec8293d82413a3610b332204f5"`);
    await queryRunner.query(`DROP INDEX "IDX_06a19ff5f1bb017610b6494c8a"`);
    await queryRunner.query(`DROP INDEX "IDX_e91e7d656d65891f3e50f2bd1c"`);
    await queryRunner.query(`DROP TABLE "evaluation_result"`);
    await queryRunner.query(`DROP INDEX "IDX_54800b312bcf62292a3a80bc18"`);
    await queryRunner.query(`DROP TABLE "evaluation_score"`);
    await queryRunner.query(`DROP INDEX "IDX_28f74769601a0cf6cfe5c69da5"`);
    await queryRunner.query(`DROP INDEX "IDX_e6f81c72096c4bc1d471e2d0cb"`);
    await queryRunner.query(`DROP INDEX "IDX_ed38f56a9b72729cb874098d40"`);
    await queryRunner.query(`DROP TABLE "evaluation_assignment"`);
    await queryRunner.query(`DROP INDEX "IDX_bbfc87e51e617407c4858af383"`);
    await queryRunner.query(`DROP TABLE "evaluation_cycle"`);
  }
}
