import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Blacklist1795449024285 implements MigrationInterface {
  name = 'Blacklist1795449024285';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "blacklist_listing" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "accountId" varchar(36) NOT NULL, "openAccountId" varchar(36), "ownerId" varchar(36) NOT NULL, "subjectId" varchar(36) NOT NULL, "accountName" varchar(128) NOT NULL, "filingNo" varchar(24) NOT NULL, "platform" varchar(16) NOT NULL, "subjectName" varchar(128) NOT NULL, "subjectKind" varchar(16) NOT NULL, "rule" varchar(4) NOT NULL, "facts" text NOT NULL, "basis" text NOT NULL, "policyKey" varchar(48) NOT NULL, "citation" varchar(128) NOT NULL, "policyVersion" varchar(32) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('proposed'), "proposedBy" varchar(36) NOT NULL, "proposedByName" varchar(64) NOT NULL, "noticeNo" varchar(24) NOT NULL, "noticeDate" date NOT NULL, "notifiedAt" datetime NOT NULL, "defenceDeadline" date NOT NULL, "defenceStatement" text, "defendedAt" datetime, "defendedBy" varchar(36), "decidedBy" varchar(36), "decidedByName" varchar(64), "decidedAt" datetime, "rejectReason" text, "decisionNo" varchar(24), "listedAt" datetime, "endsAt" datetime, "endedAt" datetime, "endReason" varchar(16))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3b4b5a0299401191014701e2c0" ON "blacklist_listing" ("openAccountId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_23086c26cf7e191d60031128af" ON "blacklist_listing" ("noticeNo") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_6bb796a563304ce870c870e435" ON "blacklist_listing" ("decisionNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_bb636debc50ba1fbaae354c9a9" ON "blacklist_listing" ("listedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_03f4b9f5027b592b8a9e9d1433" ON "blacklist_listing" ("ownerId", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_4789a0191c3b66a72afc4bbcaf" ON "blacklist_listing" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_0822d324c3afbe4f55dc8d7b31" ON "blacklist_listing" ("status", "endsAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_6345176eea43360169e07d8c41" ON "blacklist_listing" ("accountId", "status") `);
    await queryRunner.query(`CREATE TABLE "blacklist_exit" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "listingId" varchar(36) NOT NULL, "openListingId" varchar(36), "accountId" varchar(36) NOT NULL, "status" varchar(16) NOT NULL DEFAULT ('proposed'), "reason" text NOT NULL, "assessment" text, "proposedBy" varchar(36) NOT NULL, "proposedByName" varchar(64) NOT NULL, "decidedBy" varchar(36), "decidedByName" varchar(64), "decidedAt" datetime, "rejectReason" text, "policyKey" varchar(48) NOT NULL, "citation" varchar(128) NOT NULL, "policyVersion" varchar(32) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_caa891f3aea09a79897b7a67bb" ON "blacklist_exit" ("openListingId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b573105e7e3f670c7c121efce8" ON "blacklist_exit" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_0844e82d1747209f9f7cba6577" ON "blacklist_exit" ("listingId", "createdAt") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_0844e82d1747209f9f7cba6577"`);
    await queryRunner.query(`DROP INDEX "IDX_b573105e7e3f670c7c121efce8"`);
    await queryRunner.query(`DROP INDEX "IDX_caa891f3aea09a79897b7a67bb"`);
    await queryRunner.query(`DROP TABLE "blacklist_exit"`);
    await queryRunner.query(`DROP INDEX "IDX_6345176eea43360169e07d8c41"`);
    await queryRunner.query(`DROP INDEX "IDX_0822d324c3afbe4f55dc8d7b31"`);
    await queryRunner.query(`DROP INDEX "IDX_4789a0191c3b66a72afc4bbcaf"`);
    await queryRunner.query(`DROP INDEX "IDX_03f4b9f5027b592b8a9e9d1433"`);
    await queryRunner.query(`DROP INDEX "IDX_bb636debc50ba1fbaae354c9a9"`);
    await queryRunner.query(`DROP INDEX "IDX_6bb796a563304ce870c870e435"`);
    await queryRunner.query(`DROP INDEX "IDX_23086c26cf7e191d60031128af"`);
    await queryRunner.query(`DROP INDEX "IDX_3b4b5a0299401191014701e2c0"`);
    await queryRunner.query(`DROP TABLE "blacklist_listing"`);
  }
}
