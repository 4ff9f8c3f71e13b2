import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Foundation1795446865381 implements MigrationInterface {
  name = 'Foundation1795446865381';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_entry" ("seq" integer PRIMARY KEY NOT NULL, "at" datetime NOT NULL, "actorId" varchar(36), "actorName" varchar(64) NOT NULL, "role" varchar(16) NOT NULL, "action" varchar(64) NOT NULL, "entityType" varchar(48) NOT NULL, "entityId" varchar(64), "before" text, "after" text, "sourceIp" varchar(64), "prevHash" varchar(64) NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_9d18bd4a32fc0cd8ff82b12037" ON "audit_entry" ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_16e974357664a336146e08efb4" ON "audit_entry" ("actorId") `);
    await queryRunner.query(`CREATE INDEX "IDX_4ab466a7d06ff8d7c903d90248" ON "audit_entry" ("entityType", "entityId") `);
    await queryRunner.query(`CREATE TABLE "audit_head" ("id" integer PRIMARY KEY NOT NULL, "seq" integer NOT NULL, "hash" varchar(64) NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "username" varchar(64) NOT NULL, "passwordHash" varchar(255) NOT NULL, "role" varchar(16) NOT NULL, "displayName" varchar(64) NOT NULL, "phoneEnc" varchar(255), "organization" varchar(128), "status" varchar(16) NOT NULL DEFAULT ('active'), "tokenVersion" integer NOT NULL DEFAULT (0), "passwordChangedAt" datetime, "lastLoginAt" datetime)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c480e576dd71729addbc2d51b6" ON "app_user" ("username") `);
    await queryRunner.query(`CREATE TABLE "login_attempt" ("username" varchar(64) PRIMARY KEY NOT NULL, "failures" integer NOT NULL DEFAULT (0), "lockedUntil" datetime, "lastAttemptAt" datetime NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "sequence_counter" ("name" varchar(64) PRIMARY KEY NOT NULL, "value" integer NOT NULL DEFAULT (0))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sequence_counter"`);
    await queryRunner.query(`DROP TABLE "login_attempt"`);
    await queryRunner.query(`DROP INDEX "IDX_c480e576dd71729addbc2d51b6"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "audit_head"`);
    await queryRunner.query(`DROP INDEX "IDX_4ab466a7d06ff8d7c903d90248"`);
    await queryRunner.query(`DROP INDEX "IDX_16e974357664a336146e08efb4"`);
    await queryRunner.query(`DROP INDEX "IDX_9d18bd4a32fc0cd8ff82b12037"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
