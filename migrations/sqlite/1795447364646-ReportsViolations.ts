import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class ReportsViolations1795447364646 implements MigrationInterface {
  name = 'ReportsViolations1795447364646';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_8c5d1147f66de8ce264c7b6617"`);
    await queryRunner.query(`DROP INDEX "IDX_b59e12be0d85d88d40093631de"`);
    await queryRunner.query(`CREATE TABLE "public_report" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "trackingCode" varchar(24) NOT NULL, "accountId" varchar(36), "filingNo" varchar(24), "platform" varchar(16), "platformAccountId" varchar(128), "accountName" varchar(128), "category" varchar(4) NOT NULL, "description" text NOT NULL, "evidenceUrls" text NOT NULL, "contactEnc" varchar(512), "fingerprint" varchar(64) NOT NULL, "dedupeBucket" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('received'), "dueDate" date NOT NULL, "handlerId" varchar(36), "note" text, "department" varchar(128), "concludedAt" datetime, "violationId" varchar(36))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a6cfbe45e45beab5d547e2f554" ON "public_report" ("trackingCode") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9a036f76895a578054b64076cd" ON "public_report" ("fingerprint", "dedupeBucket") `);
    await queryRunner.query(`CREATE INDEX "IDX_831c4aa799b72c2ca173ee5d21" ON "public_report" ("createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_98e3f64d04d8d41e2c92f35998" ON "public_report" ("category", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_88ad58f2e9b49cd5c0a2eb5f70" ON "public_report" ("accountId") `);
    await queryRunner.query(`CREATE INDEX "IDX_6bdcd08e8ec2fe9eb3d76ee51d" ON "public_report" ("status", "dueDate") `);
    await queryRunner.query(`CREATE TABLE "violation" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "accountId" varchar(36) NOT NULL, "category" varchar(8) NOT NULL, "source" varchar(24) NOT NULL, "facts" text NOT NULL, "occurredAt" date NOT NULL, "reportId" varchar(36), "recordedBy" varchar(36) NOT NULL, "correctionRequired" boolean NOT NULL DEFAULT (0), "citation" varchar(64) NOT NULL, "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_1b95e3b479978e7d436cb2f317" ON "violation" ("occurredAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_cd012ff7ba1714c365a610b908" ON "violation" ("accountId", "occurredAt") `);
    await queryRunner.query(`CREATE TABLE "staff_filing" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "accountId" varchar(36) NOT NULL, "version" integer NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('submitted'), "snapshot" json NOT NULL, "submittedBy" varchar(36) NOT NULL, "reviewedBy" varchar(36), "reviewedAt" datetime, "reason" varchar(500), "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_1561e898e24ed71a97ba3e194c" ON "staff_filing" ("status", "createdAt") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1517deba36c2b410562fc351d6" ON "staff_filing" ("accountId", "version") `);
    await queryRunner.query(`CREATE TABLE "staff_member" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "accountId" varchar(36) NOT NULL, "ownerId" varchar(36) NOT NULL, "name" varchar(64) NOT NULL, "idNumberEnc" varchar(255) NOT NULL, "idNumberIndex" varchar(64) NOT NULL, "phoneEnc" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "fullTime" boolean NOT NULL DEFAULT (1), "startDate" date NOT NULL, "endDate" date)`);
    await queryRunner.query(`CREATE INDEX "IDX_bffb4c72631c87a364a806e3b3" ON "staff_member" ("idNumberIndex") `);
    await queryRunner.query(`CREATE INDEX "IDX_8583c27f2ab1b069c500f2e8b8" ON "staff_member" ("ownerId") `);
    await queryRunner.query(`CREATE INDEX "IDX_1e9b71744485a16e1bb50551ca" ON "staff_member" ("accountId", "endDate") `);
    await queryRunner.query(`CREATE TABLE "staff_record" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "staffId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "date" date NOT NULL, "description" varchar(1000) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_f06da197b01241328b54b2749b" ON "staff_record" ("staffId", "date") `);
    await queryRunner.query(`CREATE TABLE "staff_training" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "staffId" varchar(36) NOT NULL, "date" date NOT NULL, "organizer" varchar(16) NOT NULL, "topic" varchar(200) NOT NULL, "halfHours" integer NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_621064259f97fc03c0b0a0a58d" ON "staff_training" ("staffId", "date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b59e12be0d85d88d40093631de" ON "subject" ("creditCode") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8c5d1147f66de8ce264c7b6617" ON "subject" ("idNumberIndex") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_8c5d1147f66de8ce264c7b6617"`);
    await queryRunner.query(`DROP INDEX "IDX_b59e12be0d85d88d40093631de"`);
    await queryRunner.query(`DROP INDEX "IDX_621064259f97fc03c0b0a0a58d"`);
    await queryRunner.query(`DROP TABLE "staff_training"`);
    await queryRunner.query(`DROP INDEX "IDX_f06da197b01241328b54b2749b"`);
    await queryRunner.query(`DROP TABLE "staff_record"`);
    await queryRunner.query(`DROP INDEX "IDX_1e9b71744485a16e1bb50551ca"`);
    await queryRunner.query(`DROP INDEX "IDX_8583c27f2ab1b069c500f2e8b8"`);
    await queryRunner.query(`DROP INDEX "IDX_bffb4c72631c87a364a806e3b3"`);
    await queryRunner.query(`DROP TABLE "staff_member"`);
    await queryRunner.query(`DROP INDEX "IDX_1517deba36c2b410562fc351d6"`);
    await queryRunner.query(`DROP INDEX "IDX_1561e898e24ed71a97ba3e194c"`);
    await queryRunner.query(`DROP TABLE "staff_filing"`);
    await queryRunner.query(`DROP INDEX "IDX_cd012ff7ba1714c365a610b908"`);
    await queryRunner.query(`DROP INDEX "IDX_1b95e3b479978e7d436cb2f317"`);
    await queryRunner.query(`DROP TABLE "violation"`);
    await queryRunner.query(`DROP INDEX "IDX_6bdcd08e8ec2fe9eb3d76ee51d"`);
    await queryRunner.query(`DROP INDEX "IDX_88ad58f2e9b49cd5c0a2eb5f70"`);
    await queryRunner.query(`DROP INDEX "IDX_98e3f64d04d8d41e2c92f35998"`);
    await queryRunner.query(`DROP INDEX "IDX_831c4aa799b72c2ca173ee5d21"`);
    await queryRunner.query(`DROP INDEX "IDX_9a036f76895a578054b64076cd"`);
    await queryRunner.query(`DROP INDEX "IDX_a6cfbe45e45beab5d547e2f554"`);
    await queryRunner.query(`DROP TABLE "public_report"`);
    await queryRunner.query(`CREATE INDEX "IDX_b59e12be0d85d88d40093631de" ON "subject" ("creditCode") `);
    await queryRunner.query(`CREATE INDEX "IDX_8c5d1147f66de8ce264c7b6617" ON "subject" ("idNumberIndex") `);
  }
}
