import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Initial1795447518869 implements MigrationInterface {
  name = 'Initial1795447518869';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_entry" ("seq" integer PRIMARY KEY NOT NULL, "at" datetime NOT NULL, "actorId" varchar(36), "actorName" varchar(64) NOT NULL, "role" varchar(16) NOT NULL, "action" varchar(64) NOT NULL, "entityType" varchar(48) NOT NULL, "entityId" varchar(64), "before" text, "after" text, "sourceIp" varchar(64), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_9d18bd4a32fc0cd8ff82b12037" ON "audit_entry" ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_16e974357664a336146e08efb4" ON "audit_entry" ("actorId") `);
    await queryRunner.query(`CREATE INDEX "IDX_4ab466a7d06ff8d7c903d90248" ON "audit_entry" ("entityType", "entityId") `);
    await queryRunner.query(`CREATE TABLE "audit_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "media_account" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "subjectId" varchar(36) NOT NULL, "ownerId" varchar(36) NOT NULL, "platform" varchar(16) NOT NULL, "platformAccountId" varchar(128) NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(512), "category" varchar(32) NOT NULL, "followers" integer NOT NULL DEFAULT (0), "qualificationType" varchar(64), "qualificationNumber" varchar(64), "qualificationExpiry" date, "status" varchar(16) NOT NULL DEFAULT ('pending'), "filingNo" varchar(24), "filedAt" datetime, "reviewedBy" varchar(36), "reviewedAt" datetime, "rejectReason" varchar(500), "grade" varchar(1), "gradeYear" integer)`);
    await queryRunner.query(`CREATE INDEX "IDX_dc0de7e1469ba0b6178ce1c390" ON "media_account" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a0b78c4deba0930d0043d2c22a" ON "media_account" ("filingNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_1badd5e9510b9bf65110ff3a9f" ON "media_account" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_6c1d59edb08add65790bb3e36f" ON "media_account" ("subjectId") `);
    await queryRunner.query(`CREATE INDEX "IDX_ad7b511094b20faf17b5849b9c" ON "media_account" ("ownerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b92cbc844590017c7e68a3999b" ON "media_account" ("platform", "platformAccountId") `);
    await queryRunner.query(`CREATE TABLE "subject" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "ownerId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "name" varchar(128) NOT NULL, "creditCode" varchar(18), "idNumberEnc" varchar(255), "idNumberIndex" varchar(64), "regionCode" varchar(6) NOT NULL, "registeredAddress" varchar(255) NOT NULL, "operatingAddress" varchar(255) NOT NULL, "businessScope" varchar(1000), "contactName" varchar(64) NOT NULL, "contactPhoneEnc" varchar(255) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b59e12be0d85d88d40093631de" ON "subject" ("creditCode") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8c5d1147f66de8ce264c7b6617" ON "subject" ("idNumberIndex") `);
    await queryRunner.query(`CREATE INDEX "IDX_746dfa4b41988de4d3e01367ee" ON "subject" ("ownerId") `);
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
    await queryRunner.query(`CREATE TABLE "app_user" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "username" varchar(64) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "displayName" varchar(64) NOT NULL, "phoneEnc" varchar(255), "organization" varchar(128), "status" varchar(16) NOT NULL DEFAULT ('active'), "tokenVersion" integer NOT NULL DEFAULT (0), "passwordChangedAt" datetime, "lastLoginAt" datetime)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c480e576dd71729addbc2d51b6" ON "app_user" ("username") `);
    await queryRunner.query(`CREATE TABLE "login_attempt" ("username" varchar(64) PRIMARY KEY NOT NULL, "failures" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "lastAttemptAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "job_lock" ("name" varchar(64) PRIMARY KEY NOT NULL, "holder" varchar(64) NOT NULL, "lockedUntil" datetime NOT NULL, "lastRunAt" datetime)`);
    await queryRunner.query(`CREATE TABLE "sequence_counter" ("name" varchar(64) PRIMARY KEY NOT NULL, "value" integer NOT NULL DEFAULT (0))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sequence_counter"`);
    await queryRunner.query(`DROP TABLE "job_lock"`);
    await queryRunner.query(`DROP TABLE "login_attempt"`);
    await queryRunner.query(`DROP INDEX "IDX_c480e576dd71729addbc2d51b6"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
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
    await queryRunner.query(`DROP INDEX "IDX_746dfa4b41988de4d3e01367ee"`);
    await queryRunner.query(`DROP INDEX "IDX_8c5d1147f66de8ce264c7b6617"`);
    await queryRunner.query(`DROP INDEX "IDX_b59e12be0d85d88d40093631de"`);
    await queryRunner.query(`DROP TABLE "subject"`);
    await queryRunner.query(`DROP INDEX "IDX_b92cbc844590017c7e68a3999b"`);
    await queryRunner.query(`DROP INDEX "IDX_ad7b511094b20faf17b5849b9c"`);
    await queryRunner.query(`DROP INDEX "IDX_6c1d59edb08add65790bb3e36f"`);
    await queryRunner.query(`DROP INDEX "IDX_1badd5e9510b9bf65110ff3a9f"`);
    await queryRunner.query(`DROP INDEX "IDX_a0b78c4deba0930d0043d2c22a"`);
    await queryRunner.query(`DROP INDEX "IDX_dc0de7e1469ba0b6178ce1c390"`);
    await queryRunner.query(`DROP TABLE "media_account"`);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP INDEX "IDX_4ab466a7d06ff8d7c903d90248"`);
    await queryRunner.query(`DROP INDEX "IDX_16e974357664a336146e08efb4"`);
    await queryRunner.query(`DROP INDEX "IDX_9d18bd4a32fc0cd8ff82b12037"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
