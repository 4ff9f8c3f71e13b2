import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities by `npm run migration:generate`; do not edit by hand.
export class Registry1795446997030 implements MigrationInterface {
  name = 'Registry1795446997030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "media_account" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "subjectId" varchar(36) NOT NULL, "ownerId" varchar(36) NOT NULL, "platform" varchar(16) NOT NULL, "platformAccountId" varchar(128) NOT NULL, "name" varchar(128) NOT NULL, "url" varchar(512), "category" varchar(32) NOT NULL, "followers" integer NOT NULL DEFAULT (0), "qualificationType" varchar(64), "qualificationNumber" varchar(64), "qualificationExpiry" date, "status" varchar(16) NOT NULL DEFAULT ('pending'), "filingNo" varchar(24), "filedAt" datetime, "reviewedBy" varchar(36), "reviewedAt" datetime, "rejectReason" varchar(500), "grade" varchar(1), "gradeYear" integer)`);
    await queryRunner.query(`CREATE INDEX "IDX_dc0de7e1469ba0b6178ce1c390" ON "media_account" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a0b78c4deba0930d0043d2c22a" ON "media_account" ("filingNo") `);
    await queryRunner.query(`CREATE INDEX "IDX_1badd5e9510b9bf65110ff3a9f" ON "media_account" ("status", "createdAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_6c1d59edb08add65790bb3e36f" ON "media_account" ("subjectId") `);
    await queryRunner.query(`CREATE INDEX "IDX_ad7b511094b20faf17b5849b9c" ON "media_account" ("ownerId") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_b92cbc844590017c7e68a3999b" ON "media_account" ("platform", "platformAccountId") `);
    await queryRunner.query(`CREATE TABLE "subject" ("id" varchar PRIMARY KEY NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime NOT NULL DEFAULT (datetime('now')), "rowVersion" integer NOT NULL DEFAULT (1), "ownerId" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "name" varchar(128) NOT NULL, "creditCode" varchar(18), "idNumberEnc" varchar(255), "idNumberIndex" varchar(64), "regionCode" varchar(6) NOT NULL, "registeredAddress" varchar(255) NOT NULL, "operatingAddress" varchar(255) NOT NULL, "businessScope" varchar(1000), "contactName" varchar(64) NOT NULL, "contactPhoneEnc" varchar(255) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_b59e12be0d85d88d40093631de" ON "subject" ("creditCode") `);
    await queryRunner.query(`CREATE INDEX "IDX_8c5d1147f66de8ce264c7b6617" ON "subject" ("idNumberIndex") `);
    await queryRunner.query(`CREATE INDEX "IDX_746dfa4b41988de4d3e01367ee" ON "subject" ("ownerId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
  }
}
